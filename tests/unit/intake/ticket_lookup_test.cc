#include "services/intake/app/ticket_lookup.h"

#include <catch2/catch.hpp>

#include "hotline/transfer/v1/transfer_events.pb.h"
#include "libs/domain/event_types.h"
#include "tests/unit/intake/fakes/use_case_fixture.h"

namespace hotline::intake {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::intake::v1;
using testing::UseCaseFixture;

struct LookupFixture : UseCaseFixture {
  TicketLookup lookup{transactions, tickets, records, links, clock};
};

TEST_CASE("GetTicket assembles the timeline from the ticket's events", "[ticket_lookup]") {
  LookupFixture f;
  common::Ticket draft;
  draft.mutable_region()->set_code("530102");
  draft.set_content("噪音扰民");
  Transaction tx;
  hotline::common::v1::Ticket t =
      *f.tickets.Create(tx, draft, UseCaseFixture::Actor("5301"),
                        {{domain::TicketAction::kAccept, {"scope.accepted"}, "", nullptr}});
  REQUIRE(f.tickets
              .RecordWithText(tx, t.id(), 0, event_type::kIntakeSupplementAdded,
                              v1::SupplementAdded(), UseCaseFixture::Actor("5301"),
                              {ticketstore::TicketText::Kind::kSupplement, "晚上十点以后"})
              .ok());

  auto details = f.lookup.Get(UseCaseFixture::Actor("5301", common::ROLE_SUPERVISOR),
                              ReadAccess::kFull, t.number());
  REQUIRE(details.ok());
  std::vector<std::string> types;
  std::vector<common::TicketState> states;
  for (const v1::TimelineEntry& e : details->timeline) {
    types.push_back(e.type());
    states.push_back(e.state_after());
  }
  CHECK(types == std::vector<std::string>{event_type::kTicketCreated,
                                          event_type::kTicketStateChanged,
                                          event_type::kIntakeSupplementAdded});
  CHECK(states == std::vector<common::TicketState>{common::TICKET_STATE_RECEIVED,
                                                   common::TICKET_STATE_PENDING_DISPATCH,
                                                   common::TICKET_STATE_PENDING_DISPATCH});
  REQUIRE(details->supplements.size() == 1);
  CHECK(details->supplements[0].content() == "晚上十点以后");
  CHECK_FALSE(details->masked);
}

TEST_CASE("GetTicket shows where a transferred ticket went and its remote timeline",
          "[ticket_lookup]") {
  LookupFixture f;
  common::Ticket draft;
  draft.mutable_region()->set_code("530302");
  Transaction tx;
  const common::Ticket t = *f.tickets.Create(
      tx, draft, UseCaseFixture::Actor("5301"),
      {{domain::TicketAction::kAccept, {"scope.accepted"}, "", nullptr},
       {domain::TicketAction::kTransferOut, {"routing.outside_jurisdiction"}, "", nullptr}});
  const auto transfer = UseCaseFixture::Actor("5301", common::ROLE_ADMIN);

  auto details = f.lookup.Get(UseCaseFixture::Actor("53", common::ROLE_SUPERVISOR),
                              ReadAccess::kFull, t.number());
  REQUIRE(details.ok());
  CHECK_FALSE(details->transferred_to.has_value());  // not forwarded yet

  hotline::transfer::v1::TicketForwarded forwarded;
  forwarded.set_destination_instance("53");
  forwarded.set_reason_code("transfer.to_province");
  REQUIRE(
      f.tickets.Record(tx, t.id(), 0, event_type::kTransferForwarded, forwarded, transfer).ok());
  hotline::transfer::v1::RemoteUpdate dispatched;
  dispatched.set_remote_instance("5303");
  dispatched.set_remote_ticket_number("5303-20261207-000001");
  dispatched.set_change(hotline::transfer::v1::REMOTE_CHANGE_DISPATCHED);
  dispatched.set_remote_state(common::TICKET_STATE_DISPATCHED);
  dispatched.add_unit_ids("5303-water-supply");
  REQUIRE(f.tickets.Record(tx, t.id(), 0, event_type::kTransferRemoteUpdate, dispatched, transfer)
              .ok());

  details = f.lookup.Get(UseCaseFixture::Actor("53", common::ROLE_SUPERVISOR), ReadAccess::kFull,
                         t.number());
  REQUIRE(details.ok());
  REQUIRE(details->transferred_to.has_value());
  CHECK(details->transferred_to->sent_to() == "53");
  CHECK(details->transferred_to->handled_by() == "5303");
  CHECK(details->transferred_to->remote_ticket_number() == "5303-20261207-000001");
  CHECK(details->transferred_to->remote_state() == common::TICKET_STATE_DISPATCHED);
  // Local and remote entries in one timeline: the local state stays TRANSFERRED_OUT.
  const v1::TimelineEntry& sent = details->timeline[details->timeline.size() - 2];
  CHECK(sent.type() == event_type::kTransferForwarded);
  CHECK(sent.remote_instance() == "53");
  const v1::TimelineEntry& remote = details->timeline.back();
  CHECK(remote.remote_instance() == "5303");
  CHECK(remote.remote_state() == common::TICKET_STATE_DISPATCHED);
  CHECK(remote.state_after() == common::TICKET_STATE_TRANSFERRED_OUT);
}

TEST_CASE("GetTicket shows the handling side's reply on its remote entry, in a full view only",
          "[ticket_lookup]") {
  LookupFixture f;
  common::Ticket draft;
  draft.mutable_region()->set_code("530302");
  Transaction tx;
  const common::Ticket t = *f.tickets.Create(
      tx, draft, UseCaseFixture::Actor("5301"),
      {{domain::TicketAction::kAccept, {"scope.accepted"}, "", nullptr},
       {domain::TicketAction::kTransferOut, {"routing.outside_jurisdiction"}, "", nullptr}});
  hotline::transfer::v1::RemoteUpdate replied;
  replied.set_remote_instance("5303");
  replied.set_change(hotline::transfer::v1::REMOTE_CHANGE_REPLIED);
  replied.set_remote_state(common::TICKET_STATE_REPLIED);
  REQUIRE(f.tickets
              .RecordWithText(tx, t.id(), 0, event_type::kTransferRemoteUpdate, replied,
                              UseCaseFixture::Actor("5301", common::ROLE_PROVINCE),
                              {ticketstore::TicketText::Kind::kRemoteReply, "已恢复供水"})
              .ok());

  auto full = f.lookup.Get(UseCaseFixture::Actor("53", common::ROLE_SUPERVISOR), ReadAccess::kFull,
                           t.number());
  REQUIRE(full.ok());
  CHECK(full->timeline.back().remote_state() == common::TICKET_STATE_REPLIED);
  CHECK(full->timeline.back().remote_reply() == "已恢复供水");
  // Only the replied entry carries it, and it is not a supplement.
  for (size_t i = 0; i + 1 < full->timeline.size(); ++i) {
    CHECK(full->timeline[i].remote_reply().empty());
  }
  CHECK(full->supplements.empty());

  auto masked = f.lookup.Get(UseCaseFixture::Actor("53", common::ROLE_PROVINCE),
                             ReadAccess::kMasked, t.number());
  REQUIRE(masked.ok());
  CHECK(masked->timeline.back().remote_reply().empty());
}

TEST_CASE("a full view is audited in the read's transaction", "[ticket_lookup]") {
  LookupFixture f;
  const common::Ticket t = f.Ticket("530102");
  auto details = f.lookup.Get(UseCaseFixture::Actor("5301", common::ROLE_SUPERVISOR),
                              ReadAccess::kFull, t.number());
  REQUIRE(details.ok());
  CHECK(details->ticket.caller().name() == "张三");
  REQUIRE(f.records.audit().size() == 1);
  CHECK(f.records.audit()[0].ticket_id == t.id());
  CHECK(f.records.audit()[0].principal == "console-03");
  CHECK(f.records.audit()[0].role == common::ROLE_SUPERVISOR);
  CHECK(f.records.audit()[0].at == f.clock.Now());
  CHECK(f.records.audit()[0].reason == "office");
  const std::vector<std::string>& fields = f.records.audit()[0].fields;
  CHECK(std::find(fields.begin(), fields.end(), "caller.name") != fields.end());
  CHECK(std::find(fields.begin(), fields.end(), "content") != fields.end());
}

TEST_CASE("a masked view hides the person and writes no audit row", "[ticket_lookup]") {
  LookupFixture f;
  const common::Ticket t = f.Ticket("530102");
  auto details = f.lookup.Get(UseCaseFixture::Actor("53", common::ROLE_PROVINCE),
                              ReadAccess::kMasked, t.number());
  REQUIRE(details.ok());
  CHECK(details->masked);
  CHECK(details->ticket.caller().name() == "张*");
  CHECK(details->ticket.content().empty());
  CHECK(f.records.audit().empty());
}

TEST_CASE("a front-end sees a minor's ticket masked", "[ticket_lookup]") {
  LookupFixture f;
  common::Ticket t = f.Ticket("530102");
  t.mutable_flags()->set_involves_minor(true);
  t = f.tickets.Put(t);
  auto details =
      f.lookup.Get(UseCaseFixture::Actor("5301"), ReadAccess::kFullIfTakenRecently, t.number());
  REQUIRE(details.ok());
  CHECK(details->masked);
  CHECK(f.records.audit().empty());
}

TEST_CASE("GetTicket shows referrals and duplicate links", "[ticket_lookup]") {
  LookupFixture f;
  const common::Ticket earlier = f.Ticket("530102");
  const common::Ticket t = f.Ticket("530102");
  f.records.Refer(t.id(), v1::EMERGENCY_LINE_110);
  f.links.Put(t.id(), earlier.id(), v1::DUPLICATE_LINK_STATE_LINKED);
  f.links.Name(earlier.id(), earlier.number());
  auto details = f.lookup.Get(UseCaseFixture::Actor("5301"), ReadAccess::kFull, t.number());
  REQUIRE(details.ok());
  CHECK(details->referred_to == std::vector<v1::EmergencyLine>{v1::EMERGENCY_LINE_110});
  CHECK(details->possible_duplicate_of == earlier.number());
  CHECK(details->merged_into.empty());
}

TEST_CASE("GetTicket refuses outside the jurisdiction and without a number", "[ticket_lookup]") {
  LookupFixture f;
  const common::Ticket t = f.Ticket("530102");
  CHECK(
      f.lookup.Get(UseCaseFixture::Actor("5302"), ReadAccess::kFull, t.number()).status().code() ==
      absl::StatusCode::kNotFound);  // out of reach answers as absent
  CHECK(f.lookup.Get(UseCaseFixture::Actor("5301"), ReadAccess::kFull, "").status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(f.records.audit().empty());
}

}  // namespace
}  // namespace hotline::intake
