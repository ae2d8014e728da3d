// The event → counter deltas rules for the ticket core, intake and routing, over scripted
// tickets: every counter those events allow, the open level following the ticket between units,
// the local day, versions.
#include <catch2/catch.hpp>

#include "tests/unit/reporting/ledger.h"

namespace hotline::reporting {
namespace {

namespace common = hotline::common::v1;
namespace sv = hotline::supervision::v1;

TEST_CASE("A created ticket is received and open, under its canonical region code") {
  Ledger ledger;
  EventScript s(1, At(2026, 12, 1, 9, 0));
  REQUIRE(ledger.Apply(s.Created("530102000000", "urban/roads", true)));
  CHECK(ledger[Counter::kReceived] == 1);
  CHECK(ledger[Counter::kOpen] == 1);
  CHECK(ledger[Counter::kTransferredIn] == 0);
  CHECK(ledger.facts().dims.region_code == "530102");
  CHECK(ledger.facts().dims.involves_minor);
  CHECK(ledger.regions().count("530102") == 1);
}

TEST_CASE("A ticket from another instance is also counted as transferred in") {
  Ledger ledger;
  EventScript s(1, At(2026, 12, 1, 9, 0));
  REQUIRE(ledger.Apply(s.Created("5301", "urban/roads", false, common::CHANNEL_TRANSFER)));
  CHECK(ledger[Counter::kReceived] == 1);
  CHECK(ledger[Counter::kTransferredIn] == 1);
}

TEST_CASE("A refusal is not accepted, by its reason, and closes the open level") {
  Ledger ledger;
  EventScript s(1, At(2026, 12, 1, 9, 0));
  REQUIRE(ledger.Apply(s.Created("5301", "other")));
  REQUIRE(ledger.Apply(s.State(kReceived, common::TICKET_STATE_NOT_ACCEPTED, "scope.litigation")));
  CHECK(ledger[Counter::kNotAccepted] == 1);
  CHECK(ledger.Detail(Counter::kNotAccepted, "scope.litigation") == 1);
  CHECK(ledger[Counter::kAccepted] == 0);
  CHECK(ledger[Counter::kOpen] == 0);
}

TEST_CASE("An answer from the knowledge base is accepted and answered directly") {
  Ledger ledger;
  EventScript s(1, At(2026, 12, 1, 9, 0));
  REQUIRE(ledger.Apply(s.Created("5301", "policy/housing", false, 1, 1, 1)));
  REQUIRE(ledger.Apply(s.State(kReceived, common::TICKET_STATE_ANSWERED)));
  CHECK(ledger[Counter::kAccepted] == 1);
  CHECK(ledger[Counter::kAnswered] == 1);
  CHECK(ledger[Counter::kOpen] == 0);
  REQUIRE(ledger.Apply(s.FollowedUp(true, sv::SATISFACTION_SATISFIED, true)));
  REQUIRE(ledger.Apply(s.State(common::TICKET_STATE_ANSWERED, kFollowedUpState)));
  CHECK(ledger[Counter::kFollowedUp] == 1);
  CHECK(ledger[Counter::kOpen] == 0);
}

TEST_CASE("An emergency referral counts, and the 12349 chain apart") {
  Ledger ledger;
  EventScript s(1, At(2026, 12, 1, 9, 0));
  REQUIRE(ledger.Apply(s.Created("5301", "minor-protection/abuse", true, 1, 3, 2)));
  REQUIRE(ledger.Apply(s.State(kReceived, common::TICKET_STATE_EMERGENCY_REFERRED)));
  REQUIRE(ledger.Apply(s.Emergency(true)));
  CHECK(ledger[Counter::kAccepted] == 1);
  CHECK(ledger[Counter::kEmergencyReferred] == 1);
  CHECK(ledger[Counter::kEmergencyChildChain] == 1);
  CHECK(ledger[Counter::kOpen] == 1);
}

TEST_CASE("A ticket handled in time: dispatched, signed and closed on time, its working hours") {
  Ledger ledger;
  EventScript s(1, At(2026, 12, 1, 10, 0));
  HandleToClosing(ledger, s, "unit-a");
  CHECK(ledger[Counter::kDispatched] == 1);
  CHECK(ledger.Unit(Counter::kDispatched, "unit-a") == 1);
  CHECK(ledger.Unit(Counter::kLeadSigned, "unit-a") == 1);
  CHECK(ledger.Unit(Counter::kLeadSignedOnTime, "unit-a") == 1);
  CHECK(ledger.Unit(Counter::kReplied, "unit-a") == 1);
  CHECK(ledger.Unit(Counter::kClosed, "unit-a") == 1);
  CHECK(ledger.Unit(Counter::kClosedOnTime, "unit-a") == 1);
  CHECK(ledger[Counter::kHandled] == 1);
  // Tue 10:00–12:00, 13:30–17:30, Wed 09:00–11:00: 2 + 4 + 2 = 8 working hours.
  CHECK(ledger[Counter::kHandlingSeconds] == 8 * 3600);
  CHECK(ledger.Detail(Counter::kHandlingBucket, "4") == 1);  // [8, 16) hours
  // The open level went from no unit to unit-a and ended at the closing.
  CHECK(ledger.Unit(Counter::kOpen, "") == 0);
  CHECK(ledger.Unit(Counter::kOpen, "unit-a") == 0);
  CHECK(ledger[Counter::kOpen] == 0);
}

TEST_CASE("Natural time when no calendar is given") {
  Ledger ledger(nullptr);
  EventScript s(1, At(2026, 12, 1, 10, 0));
  HandleToClosing(ledger, s, "unit-a");
  CHECK(ledger[Counter::kHandlingSeconds] == 25 * 3600);
}

TEST_CASE("A return counts against the returning unit, the re-dispatch is not a new dispatch") {
  Ledger ledger;
  EventScript s(1, At(2026, 12, 1, 10, 0));
  REQUIRE(ledger.Apply(s.Created("5301", "urban/roads")));
  REQUIRE(ledger.Apply(s.State(kReceived, kPending)));
  REQUIRE(ledger.Apply(s.Dispatched("unit-a", 100)));
  REQUIRE(ledger.Apply(s.Returned("unit-a", 100)));
  REQUIRE(ledger.Apply(s.State(kDispatchedState, kPending)));
  // Back with the office: no unit holds it.
  CHECK(ledger.Unit(Counter::kOpen, "unit-a") == 0);
  CHECK(ledger.Unit(Counter::kOpen, "") == 1);
  REQUIRE(ledger.Apply(s.Dispatched("unit-b", 102, "returned")));
  CHECK(ledger[Counter::kDispatched] == 1);
  CHECK(ledger.Unit(Counter::kReturned, "unit-a") == 1);
  CHECK(ledger[Counter::kReassigned] == 0);
  CHECK(ledger.Unit(Counter::kOpen, "unit-b") == 1);
  CHECK(ledger.Unit(Counter::kOpen, "unit-a") == 0);
  CHECK(ledger[Counter::kOpen] == 1);
  REQUIRE(ledger.Apply(s.Dispatched("unit-c", 104, "reassigned")));
  CHECK(ledger.Unit(Counter::kReassigned, "unit-c") == 1);
  CHECK(ledger.Unit(Counter::kOpen, "unit-c") == 1);
  CHECK(ledger[Counter::kOpen] == 1);
}

TEST_CASE("A dissatisfied follow-up reopens: open again, and the second round judged afresh") {
  Ledger ledger;
  EventScript s(1, At(2026, 12, 1, 10, 0));
  HandleToClosing(ledger, s, "unit-a");
  REQUIRE(ledger.Apply(s.FollowedUp(true, sv::SATISFACTION_DISSATISFIED, false)));
  REQUIRE(ledger.Apply(s.State(kClosedState, kReopenedState)));
  CHECK(ledger[Counter::kReopened] == 1);
  CHECK(ledger[Counter::kOpen] == 1);
  s.At(At(2026, 12, 3, 9, 0));
  REQUIRE(ledger.Apply(s.Dispatched("unit-a", 110, "reopened")));
  REQUIRE(ledger.Apply(s.State(kReopenedState, kDispatchedState)));
  s.Advance(absl::Hours(1));
  REQUIRE(ledger.Apply(s.Replied("unit-a")));
  REQUIRE(ledger.Apply(s.State(kRepliedState, kClosedState)));
  CHECK(ledger[Counter::kDispatched] == 1);
  CHECK(ledger[Counter::kClosed] == 2);
  CHECK(ledger[Counter::kClosedOnTime] == 2);
  CHECK(ledger[Counter::kHandled] == 2);
  CHECK(ledger[Counter::kHandlingSeconds] == 9 * 3600);
  CHECK(ledger[Counter::kOpen] == 0);
  CHECK(ledger[Counter::kDissatisfied] == 1);
  CHECK(ledger[Counter::kResolved] == 0);
}

TEST_CASE("Suspension, withdrawal, merging and transfer out are counted, open follows") {
  Ledger ledger;
  EventScript s(1, At(2026, 12, 1, 10, 0));
  REQUIRE(ledger.Apply(s.Created("5301", "urban/roads")));
  REQUIRE(ledger.Apply(s.State(kReceived, kPending)));
  REQUIRE(ledger.Apply(s.State(kPending, common::TICKET_STATE_SUSPENDED)));
  CHECK(ledger[Counter::kSuspended] == 1);
  CHECK(ledger[Counter::kOpen] == 1);
  REQUIRE(ledger.Apply(s.State(common::TICKET_STATE_SUSPENDED, kPending)));
  REQUIRE(ledger.Apply(s.TransferredOut()));
  REQUIRE(ledger.Apply(s.State(kPending, common::TICKET_STATE_TRANSFERRED_OUT)));
  CHECK(ledger[Counter::kTransferredOut] == 1);
  CHECK(ledger[Counter::kOpen] == 0);

  Ledger other;
  EventScript t(2, At(2026, 12, 1, 10, 0));
  REQUIRE(other.Apply(t.Created("5301", "urban/roads")));
  REQUIRE(other.Apply(t.State(kReceived, common::TICKET_STATE_WITHDRAWN)));
  CHECK(other[Counter::kWithdrawn] == 1);
  CHECK(other[Counter::kAccepted] == 0);
  CHECK(other[Counter::kOpen] == 0);
}

TEST_CASE("Deltas fall on the event's day in Asia/Shanghai") {
  Ledger ledger;
  EventScript s(1, At(2026, 12, 1, 23, 30));  // 15:30 UTC
  REQUIRE(ledger.Apply(s.Created("5301", "urban/roads")));
  s.Advance(absl::Hours(1));  // 00:30 local on the 2nd, still the 1st in UTC
  REQUIRE(ledger.Apply(s.State(kReceived, common::TICKET_STATE_NOT_ACCEPTED, "scope.petition")));
  CHECK(ledger.Day(Counter::kReceived, "2026-12-01") == 1);
  CHECK(ledger.Day(Counter::kOpen, "2026-12-01") == 1);
  CHECK(ledger.Day(Counter::kNotAccepted, "2026-12-02") == 1);
  CHECK(ledger.Day(Counter::kOpen, "2026-12-02") == -1);
}

TEST_CASE("An event not newer than the facts changes nothing") {
  Ledger ledger;
  EventScript s(1, At(2026, 12, 1, 10, 0));
  const common::EventEnvelope created = s.Created("5301", "urban/roads");
  const common::EventEnvelope refused = s.State(kReceived, common::TICKET_STATE_NOT_ACCEPTED, "x");
  REQUIRE(ledger.Apply(created));
  REQUIRE(ledger.Apply(refused));
  CHECK_FALSE(ledger.Apply(refused));
  CHECK_FALSE(ledger.Apply(created));
  CHECK(ledger[Counter::kReceived] == 1);
  CHECK(ledger[Counter::kNotAccepted] == 1);
}

TEST_CASE("Events reporting does not count, and payloads outside the contract, change nothing") {
  Ledger ledger;
  EventScript s(1, At(2026, 12, 1, 10, 0));
  REQUIRE(ledger.Apply(s.Created("5301", "urban/roads")));
  common::EventEnvelope supplement = s.Replied("unit-a");
  supplement.set_type("intake.supplement_added");
  CHECK_FALSE(CountsEvent(supplement));
  CHECK_FALSE(ledger.Apply(supplement));
  common::EventEnvelope wrong = s.Replied("unit-a");
  wrong.set_type("ticket.state_changed");
  CHECK(CountsEvent(wrong));
  CHECK_FALSE(ledger.Apply(wrong));
}

TEST_CASE("Facts from the ticket core carry its dimensions and nothing counted") {
  common::Ticket t;
  t.set_id(7);
  t.mutable_region()->set_code("530100");
  t.set_category("urban/roads");
  t.set_kind(common::TICKET_KIND_COMPLAINT);
  t.set_channel(common::CHANNEL_WECHAT);
  t.set_source_line(common::SOURCE_LINE_12345);
  t.mutable_flags()->set_involves_minor(true);
  t.set_state(common::TICKET_STATE_DISPATCHED);
  const TicketFacts f = FactsFromTicket(t);
  CHECK(f.ticket_id == 7);
  CHECK(f.dims.region_code == "5301");
  CHECK(f.dims.kind == common::TICKET_KIND_COMPLAINT);
  CHECK(f.dims.channel == common::CHANNEL_WECHAT);
  CHECK(f.dims.involves_minor);
  CHECK(f.last_version == 0);
  CHECK_FALSE(f.counted_open);
}

}  // namespace
}  // namespace hotline::reporting
