// The ticket-event consumer over fakes: dispatches and assignment changes start and stop clocks,
// state changes pause, resume and stop them, and every change is announced.
#include "services/supervision/app/clock_keeper.h"

#include <catch2/catch.hpp>

#include "hotline/routing/v1/routing.pb.h"
#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"
#include "services/supervision/events/ticket_events.h"
#include "tests/unit/supervision/supervision_world.h"

namespace hotline::supervision::testing {
namespace {

namespace common = hotline::common::v1;
namespace routing = hotline::routing::v1;

const std::string kLead = "530102-education";
const std::string kCo = "530102-civil-affairs";

routing::Assignment Part(int64_t id, const std::string& unit, common::AssignmentRole role,
                         common::AssignmentState state = common::ASSIGNMENT_STATE_DISPATCHED) {
  routing::Assignment a;
  a.set_id(id);
  a.set_unit_id(unit);
  a.set_role(role);
  a.set_state(state);
  return a;
}

common::EventEnvelope Envelope(const common::Ticket& t, const std::string& type,
                               const google::protobuf::Message& payload, absl::Time at) {
  common::EventEnvelope e;
  e.set_ticket_id(t.id());
  e.set_type(type);
  e.mutable_payload()->PackFrom(payload);
  *e.mutable_occurred_at() = ToTimestamp(at);
  return e;
}

// One event through the consumer, in a transaction of its own.
absl::Status Consume(SupervisionWorld& w, ClockKeeper& keeper, const common::EventEnvelope& e) {
  return w.runner.Run([&](Transaction& tx) { return HandleTicketEvent(keeper, e, tx); });
}

common::EventEnvelope Dispatched(const common::Ticket& t, std::vector<routing::Assignment> parts,
                                 absl::Time at) {
  routing::TicketDispatched d;
  for (routing::Assignment& a : parts) *d.add_assignments() = std::move(a);
  return Envelope(t, event_type::kRoutingDispatched, d, at);
}

common::EventEnvelope AssignmentChanged(const common::Ticket& t, routing::Assignment a,
                                        absl::Time at) {
  routing::AssignmentChanged changed;
  *changed.mutable_assignment() = std::move(a);
  return Envelope(t, event_type::kRoutingAssignmentChanged, changed, at);
}

common::EventEnvelope StateChanged(const common::Ticket& t, common::TicketState from,
                                   common::TicketState to, absl::Time at) {
  common::TicketStateChanged changed;
  changed.set_from(from);
  changed.set_to(to);
  return Envelope(t, event_type::kTicketStateChanged, changed, at);
}

ClockState StateOf(const SupervisionWorld& w, int64_t ticket_id, ClockKind kind,
                   const std::string& unit = "") {
  for (const ClockRow& c : w.clocks.Of(ticket_id, kind)) {
    if (unit.empty() || c.unit_id == unit) return c.state;
  }
  FAIL("no such clock");
  return ClockState::kStopped;
}

TEST_CASE("a dispatch whose deadline falls past the calendar's years starts no clock",
          "[supervision][calendar]") {
  SupervisionWorld w;  // the seed's standard calendar: holidays entered through 2027
  ClockKeeper keeper(w.ctx);
  w.clock.Set(Cst(2027, 12, 27, 10));
  const common::Ticket t = w.Ticket(common::TICKET_STATE_DISPATCHED);
  const absl::Status refused = Consume(
      w, keeper, Dispatched(t, {Part(1, kLead, common::ASSIGNMENT_ROLE_LEAD)}, w.clock.Now()));
  CHECK(refused.code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(refused.message()), Catch::Matchers::Contains("through 2027-12-31"));
  CHECK(w.clocks.Of(t.id(), ClockKind::kHandling).empty());  // nothing half-written
}

TEST_CASE("a dispatch starts sign-for, co-reply and handling clocks", "[supervision]") {
  SupervisionWorld w;
  ClockKeeper keeper(w.ctx);
  const common::Ticket t = w.Ticket(common::TICKET_STATE_DISPATCHED);
  const absl::Time now = w.clock.Now();
  REQUIRE(Consume(w, keeper,
                  Dispatched(t,
                             {Part(1, kLead, common::ASSIGNMENT_ROLE_LEAD),
                              Part(2, kCo, common::ASSIGNMENT_ROLE_CO_HANDLER)},
                             now))
              .ok());
  CHECK(w.clocks.Of(t.id(), ClockKind::kSignFor).size() == 2);
  CHECK(w.clocks.Of(t.id(), ClockKind::kCoReply).size() == 1);
  const std::vector<ClockRow> handling = w.clocks.Of(t.id(), ClockKind::kHandling);
  REQUIRE(handling.size() == 1);
  CHECK(handling[0].unit_id == kLead);
  CHECK(handling[0].due_at > now);
  CHECK(w.tickets.EventTypes(t.id()) ==
        std::vector<std::string>{event_type::kSupervisionClocksChanged});

  SECTION("a reassignment keeps the handling clock, now the new lead's") {
    REQUIRE(Consume(w, keeper,
                    Dispatched(t, {Part(3, "530102-housing", common::ASSIGNMENT_ROLE_LEAD)}, now))
                .ok());
    const std::vector<ClockRow> after = w.clocks.Of(t.id(), ClockKind::kHandling);
    REQUIRE(after.size() == 1);
    CHECK(after[0].id == handling[0].id);
    CHECK(after[0].unit_id == "530102-housing");
    CHECK(after[0].due_at == handling[0].due_at);
  }
  SECTION("signing stops the sign-for clock; the co-handler's reply stops its co-reply clock") {
    REQUIRE(Consume(w, keeper,
                    AssignmentChanged(t,
                                      Part(1, kLead, common::ASSIGNMENT_ROLE_LEAD,
                                           common::ASSIGNMENT_STATE_SIGNED),
                                      now))
                .ok());
    CHECK(StateOf(w, t.id(), ClockKind::kSignFor, kLead) == ClockState::kStopped);
    CHECK(StateOf(w, t.id(), ClockKind::kSignFor, kCo) == ClockState::kRunning);

    REQUIRE(Consume(w, keeper,
                    AssignmentChanged(t,
                                      Part(2, kCo, common::ASSIGNMENT_ROLE_CO_HANDLER,
                                           common::ASSIGNMENT_STATE_SIGNED),
                                      now))
                .ok());
    CHECK(StateOf(w, t.id(), ClockKind::kSignFor, kCo) == ClockState::kStopped);
    CHECK(StateOf(w, t.id(), ClockKind::kCoReply, kCo) == ClockState::kRunning);

    REQUIRE(Consume(w, keeper,
                    AssignmentChanged(t,
                                      Part(2, kCo, common::ASSIGNMENT_ROLE_CO_HANDLER,
                                           common::ASSIGNMENT_STATE_REPLIED),
                                      now))
                .ok());
    CHECK(StateOf(w, t.id(), ClockKind::kCoReply, kCo) == ClockState::kStopped);
    CHECK(StateOf(w, t.id(), ClockKind::kHandling) == ClockState::kRunning);
  }
  SECTION("a suspension pauses every clock; closing stops them and starts the follow-up") {
    REQUIRE(Consume(w, keeper,
                    StateChanged(t, common::TICKET_STATE_DISPATCHED, common::TICKET_STATE_SUSPENDED,
                                 now))
                .ok());
    for (const auto& [id, c] : w.clocks.rows()) CHECK(c.state == ClockState::kPaused);

    w.tickets.Put([&] {
      common::Ticket closed = t;
      closed.set_state(common::TICKET_STATE_CLOSED);
      return closed;
    }());
    REQUIRE(Consume(w, keeper,
                    StateChanged(t, common::TICKET_STATE_REPLIED, common::TICKET_STATE_CLOSED,
                                 now + absl::Hours(1)))
                .ok());
    CHECK(StateOf(w, t.id(), ClockKind::kHandling) == ClockState::kStopped);
    CHECK(StateOf(w, t.id(), ClockKind::kFollowUp) == ClockState::kRunning);
  }
}

TEST_CASE("a dispatch of a ticket already closed for good starts nothing", "[supervision]") {
  SupervisionWorld w;
  ClockKeeper keeper(w.ctx);
  const common::Ticket t = w.Ticket(common::TICKET_STATE_ARCHIVED);
  REQUIRE(Consume(w, keeper,
                  Dispatched(t, {Part(1, kLead, common::ASSIGNMENT_ROLE_LEAD)}, w.clock.Now()))
              .ok());
  CHECK(w.clocks.rows().empty());
  CHECK(w.tickets.EventTypes(t.id()).empty());
}

TEST_CASE("the consumer wants dispatches, assignment changes and clock-moving transitions",
          "[supervision]") {
  SupervisionWorld w;
  const common::Ticket t = w.Ticket(common::TICKET_STATE_DISPATCHED);
  const absl::Time now = w.clock.Now();
  CHECK(SupervisionWants(Dispatched(t, {}, now)));
  CHECK(SupervisionWants(AssignmentChanged(t, Part(1, kLead, common::ASSIGNMENT_ROLE_LEAD), now)));
  CHECK(SupervisionWants(
      StateChanged(t, common::TICKET_STATE_IN_PROGRESS, common::TICKET_STATE_REPLIED, now)));
  CHECK_FALSE(SupervisionWants(
      StateChanged(t, common::TICKET_STATE_DISPATCHED, common::TICKET_STATE_IN_PROGRESS, now)));
}

}  // namespace
}  // namespace hotline::supervision::testing
