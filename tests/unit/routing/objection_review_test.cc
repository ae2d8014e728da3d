// The hotline office's objection review (派单异议审核) on fakes: uphold, reject, the queue of
// pending objections, and designation after three failed dispatches.
#include "services/routing/app/objection_review.h"

#include <catch2/catch.hpp>

#include "libs/domain/event_types.h"
#include "tests/unit/routing/routing_world.h"

namespace hotline::testing {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::routing::v1;
using routing::ObjectionReview;
using routing::UnitWorkflow;

constexpr char kLead[] = "530102-education";
constexpr char kCoHandler[] = "530102-civil-affairs";

// The lead `unit` of the ticket's latest round objects; the objection's id.
int64_t Object(RoutingWorld& world, const common::Ticket& ticket, const std::string& unit) {
  UnitWorkflow units = world.UnitSide();
  const v1::Assignment lead = world.AssignmentOf(ticket.id(), unit);
  auto returned = units.Return(RoutingWorld::Unit(unit), {lead.id(), "不属于本单位职责"});
  REQUIRE(returned.ok());
  REQUIRE(returned->objection.has_value());
  return returned->objection->id();
}

routing::ObjectionOutcome Decide(RoutingWorld& world, int64_t objection_id,
                                 v1::ObjectionDecision decision) {
  auto decided =
      world.Review().Decide(RoutingWorld::Office(), {objection_id, decision, "核实后认定"});
  REQUIRE(decided.ok());
  return *decided;
}

TEST_CASE("DecideObjection: upheld, the ticket is routed again without the unit",
          "[objection_review]") {
  RoutingWorld world;
  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(ticket);
  const v1::Assignment lead = world.AssignmentOf(ticket.id(), kLead);
  const v1::Assignment co = world.AssignmentOf(ticket.id(), kCoHandler);
  const int64_t id = Object(world, ticket, kLead);

  const routing::ObjectionOutcome upheld = Decide(world, id, v1::OBJECTION_DECISION_UPHOLD);
  CHECK(upheld.objection.state() == v1::OBJECTION_STATE_UPHELD);
  CHECK(upheld.objection.failed_dispatches() == 1);
  CHECK(upheld.objection.decided_by() == "office");
  REQUIRE(upheld.decision.has_value());
  CHECK(upheld.decision->outcome() == v1::DECISION_OUTCOME_DISPATCHED);
  CHECK(upheld.decision->trigger() == "returned");
  CHECK(upheld.ticket_state == common::TICKET_STATE_DISPATCHED);
  // The unit's objection is recorded on its part; the round's other part is withdrawn.
  CHECK(world.assignments.Get(lead.id()).state() == common::ASSIGNMENT_STATE_RETURNED);
  CHECK(world.assignments.Get(lead.id()).return_reason() == "不属于本单位职责");
  CHECK(world.assignments.Get(co.id()).state() == common::ASSIGNMENT_STATE_CANCELLED);
  const v1::Assignment next = world.AssignmentOf(ticket.id(), "5301-education");
  CHECK(next.round() == 2);
  CHECK(next.role() == common::ASSIGNMENT_ROLE_LEAD);
  const std::vector<std::string> events = world.tickets.EventTypes(ticket.id());
  CHECK(std::count(events.begin(), events.end(), event_type::kRoutingObjectionDecided) == 1);
  CHECK(events.back() == event_type::kRoutingDispatched);

  auto twice =
      world.Review().Decide(RoutingWorld::Office(), {id, v1::OBJECTION_DECISION_REJECT, "again"});
  CHECK(twice.status().code() == absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("DecideObjection: upheld with no other unit, the ticket waits in the manual queue",
          "[objection_review]") {
  RoutingWorld world;
  const common::Ticket ticket =
      world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH, "traffic/noise");
  world.Dispatch(ticket);
  const int64_t id = Object(world, ticket, "530102-public-security");

  const routing::ObjectionOutcome upheld = Decide(world, id, v1::OBJECTION_DECISION_UPHOLD);
  REQUIRE(upheld.decision.has_value());
  CHECK(upheld.decision->outcome() == v1::DECISION_OUTCOME_MANUAL_QUEUE);
  CHECK(upheld.ticket_state == common::TICKET_STATE_PENDING_DISPATCH);
  REQUIRE(world.queue.Contains(ticket.id()));
  CHECK(world.queue.Entry(ticket.id()).objection() == "不属于本单位职责");
  CHECK(world.queue.Entry(ticket.id()).objecting_unit_id() == "530102-public-security");
}

TEST_CASE("DecideObjection: rejected, the unit must handle the ticket", "[objection_review]") {
  RoutingWorld world;
  UnitWorkflow units = world.UnitSide();
  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(ticket);
  const v1::Assignment lead = world.AssignmentOf(ticket.id(), kLead);
  const int64_t id = Object(world, ticket, kLead);

  const routing::ObjectionOutcome rejected = Decide(world, id, v1::OBJECTION_DECISION_REJECT);
  CHECK(rejected.objection.state() == v1::OBJECTION_STATE_REJECTED);
  CHECK(rejected.objection.decision_reason() == "核实后认定");
  CHECK_FALSE(rejected.decision.has_value());
  CHECK(rejected.ticket_state == common::TICKET_STATE_DISPATCHED);
  CHECK(world.assignments.Get(lead.id()).state() == common::ASSIGNMENT_STATE_DISPATCHED);

  auto again = units.Return(RoutingWorld::Unit(kLead), {lead.id(), "still not ours"});
  REQUIRE(again.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(again.status().message().find("must handle") != std::string::npos);
  auto signed_for = units.SignFor(RoutingWorld::Unit(kLead), {lead.id()});
  REQUIRE(signed_for.ok());
  CHECK(signed_for->ticket_state == common::TICKET_STATE_IN_PROGRESS);
}

TEST_CASE("DecideObjection: checked field by field, another office's answers as absent",
          "[objection_review]") {
  RoutingWorld world;
  auto bad =
      world.Review().Decide(RoutingWorld::Office(), {0, v1::OBJECTION_DECISION_UNSPECIFIED, ""});
  CHECK(ViolatedFields(bad.status()) ==
        std::vector<std::string>{"objection_id", "decision", "reason"});

  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(ticket);
  const int64_t id = Object(world, ticket, kLead);
  auto elsewhere = world.Review().Decide(RoutingWorld::Office("5303"),
                                         {id, v1::OBJECTION_DECISION_UPHOLD, "ok"});
  auto absent = world.Review().Decide(RoutingWorld::Office(),
                                      {id + 100, v1::OBJECTION_DECISION_UPHOLD, "ok"});
  CHECK(elsewhere.status().code() == absl::StatusCode::kNotFound);
  CHECK(elsewhere.status().message() == absent.status().message());
}

TEST_CASE("ListObjections: pending ones within the office's jurisdiction, paged and counted",
          "[objection_review]") {
  RoutingWorld world;
  std::vector<int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
    world.Dispatch(ticket);
    ids.push_back(Object(world, ticket, kLead));
    world.clock.Advance(absl::Minutes(10));
  }
  const common::Ticket traffic =
      world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH, "traffic/noise");
  world.Dispatch(traffic);
  const int64_t traffic_id = Object(world, traffic, "530102-public-security");
  Decide(world, ids[1], v1::OBJECTION_DECISION_REJECT);  // decided: no longer listed

  routing::ObjectionQuery query;
  query.page_size = 2;
  auto first = world.Review().List(RoutingWorld::Office(), query);
  REQUIRE(first.ok());
  CHECK(first->total == 3);
  REQUIRE(first->objections.size() == 2);
  CHECK(first->objections[0].id() == ids[0]);
  CHECK(first->objections[1].id() == ids[2]);
  REQUIRE_FALSE(first->next_page_token.empty());
  query.page_token = first->next_page_token;
  auto second = world.Review().List(RoutingWorld::Office(), query);
  REQUIRE(second.ok());
  REQUIRE(second->objections.size() == 1);
  CHECK(second->objections[0].id() == traffic_id);
  CHECK(second->next_page_token.empty());

  routing::ObjectionQuery by_category;
  by_category.filter.category_prefix = "traffic";
  CHECK(world.Review().List(RoutingWorld::Office(), by_category)->total == 1);
  routing::ObjectionQuery old;
  old.min_age = absl::Minutes(15);
  CHECK(world.Review().List(RoutingWorld::Office(), old)->total == 1);  // the first only
  CHECK(world.Review().List(RoutingWorld::Office("5303"), {})->total == 0);

  routing::ObjectionQuery outside;
  outside.filter.region_prefix = "5303";
  outside.filter.urgency = 99;
  outside.page_token = "nonsense";
  auto refused = world.Review().List(RoutingWorld::Office(), outside);
  CHECK(ViolatedFields(refused.status()) ==
        std::vector<std::string>{"page_token", "region_prefix", "urgency"});
}

TEST_CASE(
    "DesignateUnit: after three failed dispatches the office names the unit, which cannot "
    "return it",
    "[objection_review]") {
  RoutingWorld world;
  routing::OfficeActions office(world.transactions, world.dispatcher);
  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(ticket);
  // 1: the county's education bureau; 2: the city's; then the office dispatches by hand.
  Decide(world, Object(world, ticket, kLead), v1::OBJECTION_DECISION_UPHOLD);
  auto second =
      Decide(world, Object(world, ticket, "5301-education"), v1::OBJECTION_DECISION_UPHOLD);
  CHECK(second.ticket_state == common::TICKET_STATE_PENDING_DISPATCH);
  auto early =
      world.Review().Designate(RoutingWorld::Office(), {ticket.number(), kCoHandler, "指定办理"});
  REQUIRE(early.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(early.status().message().find("2 failed dispatch(es)") != std::string::npos);
  REQUIRE(office.DispatchManually(RoutingWorld::Office(), {ticket.number(), {kCoHandler, {}}, ""})
              .ok());
  // 3: the third upheld objection queues the ticket for designation instead of routing it.
  auto third = Decide(world, Object(world, ticket, kCoHandler), v1::OBJECTION_DECISION_UPHOLD);
  CHECK(third.objection.failed_dispatches() == 3);
  REQUIRE(third.decision.has_value());
  CHECK(third.decision->reason_code() == "routing.designation_due");
  REQUIRE(world.queue.Contains(ticket.id()));

  auto designated =
      world.Review().Designate(RoutingWorld::Office(), {ticket.number(), kLead, "指定办理"});
  REQUIRE(designated.ok());
  REQUIRE(designated->assignments.size() == 1);
  const v1::Assignment lead = designated->assignments[0];
  CHECK(lead.unit_id() == kLead);
  CHECK(lead.round() == 4);
  CHECK(world.StateOf(ticket.id()) == common::TICKET_STATE_DISPATCHED);
  CHECK_FALSE(world.queue.Contains(ticket.id()));
  CHECK(world.tickets.EventTypes(ticket.id()).back() == event_type::kRoutingUnitDesignated);

  auto refused = world.UnitSide().Return(RoutingWorld::Unit(kLead), {lead.id(), "not ours"});
  REQUIRE(refused.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(refused.status().message().find("designated") != std::string::npos);
}

TEST_CASE("SetObjectionWindow: a category's window is data the office sets", "[objection_review]") {
  RoutingWorld world;
  auto set = world.Review().SetWindow({"education", 2, "standard"});
  REQUIRE(set.ok());
  auto windows = world.Review().Windows();
  REQUIRE(windows.ok());
  CHECK(windows->size() == 2);
  auto bad = world.Review().SetWindow({"Education/", 11, "lunar"});
  CHECK(ViolatedFields(bad.status()) ==
        std::vector<std::string>{"window.category_prefix", "window.working_days"});
  auto unknown = world.Review().SetWindow({"education", 1, "lunar"});
  CHECK(ViolatedFields(unknown.status()) == std::vector<std::string>{"window.calendar"});

  // Education now has two working days: dispatched on 1 January (a holiday), the window runs to
  // Monday 5 January.
  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(ticket);
  const v1::Assignment lead = world.AssignmentOf(ticket.id(), kLead);
  world.clock.Set(
      absl::FromCivil(absl::CivilMinute(2026, 1, 5, 17, 0), absl::FixedTimeZone(8 * 3600)));
  CHECK(world.UnitSide().Return(RoutingWorld::Unit(kLead), {lead.id(), "not ours"}).ok());
}

}  // namespace
}  // namespace hotline::testing
