// The handling unit's use cases (sign for, return, reply) on fakes.
#include "services/routing/app/unit_workflow.h"

#include <catch2/catch.hpp>

#include "libs/domain/event_types.h"
#include "tests/unit/routing/routing_world.h"

namespace hotline::testing {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::routing::v1;
using routing::UnitWorkflow;

constexpr char kLead[] = "530102-education";
constexpr char kCoHandler[] = "530102-civil-affairs";

TEST_CASE("SignFor: the lead's signature moves the ticket to IN_PROGRESS", "[unit_workflow]") {
  RoutingWorld world;
  UnitWorkflow units = world.UnitSide();
  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(ticket);
  const v1::Assignment lead = world.AssignmentOf(ticket.id(), kLead);
  REQUIRE(lead.role() == common::ASSIGNMENT_ROLE_LEAD);

  auto signed_for = units.SignFor(RoutingWorld::Unit(kLead), {lead.id()});
  REQUIRE(signed_for.ok());
  CHECK(signed_for->assignment.state() == common::ASSIGNMENT_STATE_SIGNED);
  CHECK(signed_for->assignment.has_signed_at());
  CHECK(signed_for->ticket_state == common::TICKET_STATE_IN_PROGRESS);
  CHECK(world.StateOf(ticket.id()) == common::TICKET_STATE_IN_PROGRESS);
  CHECK(world.tickets.EventTypes(ticket.id()).back() == event_type::kRoutingAssignmentChanged);
}

TEST_CASE("SignFor: a co-handler's signature is only recorded", "[unit_workflow]") {
  RoutingWorld world;
  UnitWorkflow units = world.UnitSide();
  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(ticket);
  const v1::Assignment co = world.AssignmentOf(ticket.id(), kCoHandler);
  REQUIRE(co.role() == common::ASSIGNMENT_ROLE_CO_HANDLER);
  const size_t events_before = world.tickets.EventTypes(ticket.id()).size();

  auto signed_for = units.SignFor(RoutingWorld::Unit(kCoHandler), {co.id()});
  REQUIRE(signed_for.ok());
  CHECK(signed_for->assignment.state() == common::ASSIGNMENT_STATE_SIGNED);
  CHECK(signed_for->ticket_state == common::TICKET_STATE_DISPATCHED);
  CHECK(world.StateOf(ticket.id()) == common::TICKET_STATE_DISPATCHED);
  const std::vector<std::string> events = world.tickets.EventTypes(ticket.id());
  REQUIRE(events.size() == events_before + 1);
  CHECK(events.back() == event_type::kRoutingAssignmentChanged);
}

TEST_CASE("SignFor: another unit's assignment answers as an absent one", "[unit_workflow]") {
  RoutingWorld world;
  UnitWorkflow units = world.UnitSide();
  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(ticket);
  const v1::Assignment lead = world.AssignmentOf(ticket.id(), kLead);

  auto signed_for = units.SignFor(RoutingWorld::Unit(kCoHandler), {lead.id()});
  CHECK(signed_for.status().code() == absl::StatusCode::kNotFound);
  CHECK(world.assignments.Get(lead.id()).state() == common::ASSIGNMENT_STATE_DISPATCHED);
  CHECK(world.StateOf(ticket.id()) == common::TICKET_STATE_DISPATCHED);
}

TEST_CASE("SignFor: a withdrawn assignment cannot be signed for", "[unit_workflow]") {
  RoutingWorld world;
  UnitWorkflow units = world.UnitSide();
  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(ticket);
  v1::Assignment lead = world.AssignmentOf(ticket.id(), kLead);
  lead.set_state(common::ASSIGNMENT_STATE_CANCELLED);
  Transaction tx;
  world.assignments.Save(tx, lead);

  auto signed_for = units.SignFor(RoutingWorld::Unit(kLead), {lead.id()});
  CHECK(signed_for.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(world.StateOf(ticket.id()) == common::TICKET_STATE_DISPATCHED);
}

TEST_CASE("SignFor: an unknown assignment is NOT_FOUND, none at all INVALID_ARGUMENT",
          "[unit_workflow]") {
  RoutingWorld world;
  UnitWorkflow units = world.UnitSide();
  CHECK(units.SignFor(RoutingWorld::Unit(kLead), {42}).status().code() ==
        absl::StatusCode::kNotFound);
  auto none = units.SignFor(RoutingWorld::Unit(kLead), {0});
  CHECK(ViolatedFields(none.status()) == std::vector<std::string>{"assignment_id"});
}

TEST_CASE("ReturnAssignment: the lead's return waits for the office as an objection",
          "[unit_workflow]") {
  RoutingWorld world;
  UnitWorkflow units = world.UnitSide();
  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(ticket);
  const v1::Assignment lead = world.AssignmentOf(ticket.id(), kLead);
  const v1::Assignment co = world.AssignmentOf(ticket.id(), kCoHandler);

  auto returned = units.Return(RoutingWorld::Unit(kLead), {lead.id(), "not our school"});
  REQUIRE(returned.ok());
  CHECK_FALSE(returned->decision.has_value());
  REQUIRE(returned->objection.has_value());
  CHECK(returned->objection->state() == v1::OBJECTION_STATE_PENDING);
  CHECK(returned->objection->reason() == "not our school");
  CHECK(returned->objection->unit_id() == kLead);
  CHECK(returned->objection->failed_dispatches() == 0);
  // Nothing moves until the office decides: both parts stay live, the ticket stays dispatched.
  CHECK(returned->ticket_state == common::TICKET_STATE_DISPATCHED);
  CHECK(world.assignments.Get(lead.id()).state() == common::ASSIGNMENT_STATE_DISPATCHED);
  CHECK(world.assignments.Get(co.id()).state() == common::ASSIGNMENT_STATE_DISPATCHED);
  CHECK(world.tickets.EventTypes(ticket.id()).back() == event_type::kRoutingObjectionRaised);

  auto again = units.Return(RoutingWorld::Unit(kLead), {lead.id(), "still not ours"});
  CHECK(again.status().code() == absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("ReturnAssignment: signing for it withdraws the unit's pending objection",
          "[unit_workflow]") {
  RoutingWorld world;
  UnitWorkflow units = world.UnitSide();
  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(ticket);
  const v1::Assignment lead = world.AssignmentOf(ticket.id(), kLead);
  auto returned = units.Return(RoutingWorld::Unit(kLead), {lead.id(), "not our school"});
  REQUIRE(returned.ok());

  REQUIRE(units.SignFor(RoutingWorld::Unit(kLead), {lead.id()}).ok());
  Transaction tx;
  CHECK(world.objections.LatestOf(tx, lead.id())->state() == v1::OBJECTION_STATE_WITHDRAWN);
}

TEST_CASE("ReturnAssignment: after its window a return is refused, naming the window",
          "[unit_workflow]") {
  RoutingWorld world;
  UnitWorkflow units = world.UnitSide();
  // Dispatched on New Year's Day 2026 (a holiday): the window is the next working day, Sunday
  // 4 January (调休), to 17:30.
  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(ticket);
  const v1::Assignment lead = world.AssignmentOf(ticket.id(), kLead);
  const v1::Assignment co = world.AssignmentOf(ticket.id(), kCoHandler);
  world.clock.Set(
      absl::FromCivil(absl::CivilMinute(2026, 1, 4, 17, 31), absl::FixedTimeZone(8 * 3600)));

  auto late = units.Return(RoutingWorld::Unit(kLead), {lead.id(), "not our school"});
  REQUIRE(late.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(late.status().message().find("1 working day(s) after dispatch") != std::string::npos);
  CHECK(late.status().message().find("2026-01-04T09:30:00") != std::string::npos);
  auto late_co = units.Return(RoutingWorld::Unit(kCoHandler), {co.id(), "not ours"});
  CHECK(late_co.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(world.assignments.Get(lead.id()).state() == common::ASSIGNMENT_STATE_DISPATCHED);
}

TEST_CASE("ReturnAssignment: a co-handler's return only drops its own part", "[unit_workflow]") {
  RoutingWorld world;
  UnitWorkflow units = world.UnitSide();
  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(ticket);
  const v1::Assignment lead = world.AssignmentOf(ticket.id(), kLead);
  const v1::Assignment co = world.AssignmentOf(ticket.id(), kCoHandler);

  auto returned = units.Return(RoutingWorld::Unit(kCoHandler), {co.id(), "not ours"});
  REQUIRE(returned.ok());
  CHECK_FALSE(returned->decision.has_value());
  CHECK(returned->ticket_state == common::TICKET_STATE_DISPATCHED);
  CHECK(world.assignments.Get(lead.id()).state() == common::ASSIGNMENT_STATE_DISPATCHED);
}

TEST_CASE("ReturnAssignment: the reason is required and bounded", "[unit_workflow]") {
  RoutingWorld world;
  UnitWorkflow units = world.UnitSide();
  auto none = units.Return(RoutingWorld::Unit(kLead), {0, ""});
  CHECK(ViolatedFields(none.status()) == std::vector<std::string>{"assignment_id", "reason"});
  auto too_long = units.Return(RoutingWorld::Unit(kLead), {1, std::string(1001, 'x')});
  CHECK(ViolatedFields(too_long.status()) == std::vector<std::string>{"reason"});
  auto not_utf8 = units.Return(RoutingWorld::Unit(kLead), {1, "\xff\xfe"});
  CHECK(ViolatedFields(not_utf8.status()) == std::vector<std::string>{"reason"});
}

TEST_CASE("SubmitReply: the reply is bounded free text", "[unit_workflow]") {
  RoutingWorld world;
  UnitWorkflow units = world.UnitSide();
  auto too_long = units.Reply(RoutingWorld::Unit(kLead), {1, std::string(8001, 'x')});
  CHECK(ViolatedFields(too_long.status()) == std::vector<std::string>{"content"});
  auto control = units.Reply(RoutingWorld::Unit(kLead), {1, "done\x1b[2J"});
  CHECK(ViolatedFields(control.status()) == std::vector<std::string>{"content"});
}

TEST_CASE("SubmitReply: the lead waits for its co-handlers", "[unit_workflow]") {
  RoutingWorld world;
  UnitWorkflow units = world.UnitSide();
  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(ticket);
  const v1::Assignment lead = world.AssignmentOf(ticket.id(), kLead);
  const v1::Assignment co = world.AssignmentOf(ticket.id(), kCoHandler);
  REQUIRE(units.SignFor(RoutingWorld::Unit(kLead), {lead.id()}).ok());

  auto early = units.Reply(RoutingWorld::Unit(kLead), {lead.id(), "fixed"});
  CHECK(early.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(early.status().message() ==
        "co-handlers have not replied and their reply limit has not passed: "
        "530102-civil-affairs");
  CHECK(world.assignments.Get(lead.id()).state() == common::ASSIGNMENT_STATE_SIGNED);

  REQUIRE(units.SignFor(RoutingWorld::Unit(kCoHandler), {co.id()}).ok());
  auto opinion = units.Reply(RoutingWorld::Unit(kCoHandler), {co.id(), "agreed"});
  REQUIRE(opinion.ok());
  CHECK(opinion->ticket_state == common::TICKET_STATE_IN_PROGRESS);

  auto reply = units.Reply(RoutingWorld::Unit(kLead), {lead.id(), "fixed"});
  REQUIRE(reply.ok());
  CHECK(reply->assignment.state() == common::ASSIGNMENT_STATE_REPLIED);
  CHECK(reply->ticket_state == common::TICKET_STATE_REPLIED);
  const std::vector<std::string> events = world.tickets.EventTypes(ticket.id());
  CHECK(events.back() == event_type::kRoutingReplied);
  v1::TicketReplied replied;
  REQUIRE(world.tickets.events().back().payload().UnpackTo(&replied));
  CHECK(replied.lead_unit_id() == kLead);
  REQUIRE(replied.co_handler_opinions_size() == 1);
  CHECK(replied.co_handler_opinions(0).state() == common::ASSIGNMENT_STATE_REPLIED);
  // The opinion's text stays with routing's assignment; the event carries no text.
  CHECK(replied.co_handler_opinions(0).reply().empty());
  CHECK(reply->assignment.reply() == "fixed");
}

TEST_CASE("SubmitReply: a co-handler past its reply limit is not waited for", "[unit_workflow]") {
  RoutingWorld world;
  UnitWorkflow units = world.UnitSide();
  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(ticket);
  const v1::Assignment lead = world.AssignmentOf(ticket.id(), kLead);
  const v1::Assignment co = world.AssignmentOf(ticket.id(), kCoHandler);
  REQUIRE(units.SignFor(RoutingWorld::Unit(kLead), {lead.id()}).ok());
  Transaction tx;
  world.assignments.SetReplyDue(tx, co.id(), world.clock.Now() + absl::Hours(1));
  world.clock.Advance(absl::Hours(2));

  auto reply = units.Reply(RoutingWorld::Unit(kLead), {lead.id(), "fixed"});
  REQUIRE(reply.ok());
  CHECK(reply->ticket_state == common::TICKET_STATE_REPLIED);
}

}  // namespace
}  // namespace hotline::testing
