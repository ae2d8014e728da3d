// The hotline office's use cases (dispatch by hand, reassign, the queue, explanations) on fakes.
#include "services/routing/app/office_actions.h"

#include <catch2/catch.hpp>

#include "tests/unit/routing/routing_world.h"

namespace hotline::testing {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::routing::v1;
using routing::OfficeActions;

// A ticket no catalogue rule covers ("housing"), waiting in the manual queue.
common::Ticket QueuedTicket(RoutingWorld& world) {
  const common::Ticket ticket =
      world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH, "housing/repair");
  world.Dispatch(ticket);
  return ticket;
}

TEST_CASE("DispatchManually: a queued ticket goes to the named units", "[office_actions]") {
  RoutingWorld world;
  OfficeActions office(world.transactions, world.dispatcher);
  const common::Ticket ticket = QueuedTicket(world);
  REQUIRE(world.queue.Contains(ticket.id()));

  auto dispatched = office.DispatchManually(
      RoutingWorld::Office(),
      {ticket.number(), {"530102-civil-affairs", {"530102-education"}}, "housing office is away"});
  REQUIRE(dispatched.ok());
  REQUIRE(dispatched->assignments.size() == 2);
  CHECK(dispatched->assignments[0].unit_id() == "530102-civil-affairs");
  CHECK(dispatched->assignments[0].role() == common::ASSIGNMENT_ROLE_LEAD);
  CHECK(dispatched->assignments[1].role() == common::ASSIGNMENT_ROLE_CO_HANDLER);
  CHECK(world.StateOf(ticket.id()) == common::TICKET_STATE_DISPATCHED);
  CHECK_FALSE(world.queue.Contains(ticket.id()));
  Transaction tx;
  const auto decisions = world.decisions.Of(tx, ticket.id());
  REQUIRE(decisions.size() == 2);
  CHECK(decisions.back().reason_code() == "routing.manual");
  CHECK(decisions.back().reason() == "dispatched by hand (研判): housing office is away");
}

TEST_CASE("DispatchManually and Reassign: notes and reasons are bounded free text",
          "[office_actions]") {
  RoutingWorld world;
  OfficeActions office(world.transactions, world.dispatcher);
  const common::Ticket ticket = QueuedTicket(world);
  const routing::NamedUnits units{"530102-civil-affairs", {}};
  auto long_note = office.DispatchManually(RoutingWorld::Office(),
                                           {ticket.number(), units, std::string(1001, 'x')});
  CHECK(ViolatedFields(long_note.status()) == std::vector<std::string>{"note"});
  auto control =
      office.DispatchManually(RoutingWorld::Office(), {ticket.number(), units, "bell\a"});
  CHECK(ViolatedFields(control.status()) == std::vector<std::string>{"note"});
  CHECK(world.queue.Contains(ticket.id()));  // refused before anything was read or written

  auto long_reason =
      office.Reassign(RoutingWorld::Office(), {ticket.number(), units, std::string(1001, 'x')});
  CHECK(ViolatedFields(long_reason.status()) == std::vector<std::string>{"reason"});
  auto no_reason = office.Reassign(RoutingWorld::Office(), {"", units, ""});
  CHECK(ViolatedFields(no_reason.status()) == std::vector<std::string>{"ticket_number", "reason"});
  // 1000 Chinese characters are 3000 bytes and still within the limit of characters.
  std::string chinese;
  for (int i = 0; i < 1000; ++i) chinese += "字";
  auto within = office.DispatchManually(RoutingWorld::Office(), {ticket.number(), units, chinese});
  CHECK(within.ok());
}

TEST_CASE("DispatchManually: named units are checked field by field", "[office_actions]") {
  RoutingWorld world;
  OfficeActions office(world.transactions, world.dispatcher);
  const common::Ticket ticket = QueuedTicket(world);
  world.units.Add({"530200-education", "530200"});

  auto twice = office.DispatchManually(
      RoutingWorld::Office(),
      {ticket.number(), {"530102-education", {"530102-education", ""}}, ""});
  CHECK(ViolatedFields(twice.status()) ==
        std::vector<std::string>{"co_handler_unit_ids[0]", "co_handler_unit_ids[1]"});
  auto unknown = office.DispatchManually(RoutingWorld::Office(),
                                         {ticket.number(), {"nobody", {"530200-education"}}, ""});
  CHECK(ViolatedFields(unknown.status()) ==
        std::vector<std::string>{"lead_unit_id", "co_handler_unit_ids[0]"});
  auto none = office.DispatchManually(RoutingWorld::Office(), {"", {}, ""});
  CHECK(ViolatedFields(none.status()) == std::vector<std::string>{"ticket_number"});
  CHECK(world.queue.Contains(ticket.id()));
  CHECK(world.StateOf(ticket.id()) == common::TICKET_STATE_PENDING_DISPATCH);
}

TEST_CASE("DispatchManually: a ticket outside the office's jurisdiction answers as an absent one",
          "[office_actions]") {
  RoutingWorld world;
  OfficeActions office(world.transactions, world.dispatcher);
  const common::Ticket ticket = QueuedTicket(world);
  auto denied = office.DispatchManually(RoutingWorld::Office("530111"),
                                        {ticket.number(), {"530102-education", {}}, ""});
  auto missing =
      office.DispatchManually(RoutingWorld::Office(), {"5301-F-999", {"530102-education", {}}, ""});
  CHECK(missing.status().code() == absl::StatusCode::kNotFound);
  CHECK(denied.status() == missing.status());
}

TEST_CASE("Reassign: the round's live parts are withdrawn and a new round starts",
          "[office_actions]") {
  RoutingWorld world;
  OfficeActions office(world.transactions, world.dispatcher);
  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  const std::vector<v1::Assignment> first = world.Dispatch(ticket);
  REQUIRE(first.size() == 2);

  auto reassigned = office.Reassign(RoutingWorld::Office(),
                                    {ticket.number(), {"5301-education", {}}, "a city school"});
  REQUIRE(reassigned.ok());
  REQUIRE(reassigned->assignments.size() == 1);
  CHECK(reassigned->assignments[0].unit_id() == "5301-education");
  CHECK(reassigned->assignments[0].round() == 2);
  for (const v1::Assignment& a : first) {
    CHECK(world.assignments.Get(a.id()).state() == common::ASSIGNMENT_STATE_CANCELLED);
  }
  CHECK(world.StateOf(ticket.id()) == common::TICKET_STATE_DISPATCHED);
  Transaction tx;
  CHECK(world.decisions.Of(tx, ticket.id()).back().reason() ==
        "reassigned by the hotline office (改派): a city school");
}

TEST_CASE("Reassign: a ticket waiting for dispatch is FAILED_PRECONDITION", "[office_actions]") {
  RoutingWorld world;
  OfficeActions office(world.transactions, world.dispatcher);
  const common::Ticket ticket = QueuedTicket(world);
  auto refused =
      office.Reassign(RoutingWorld::Office(), {ticket.number(), {"5301-education", {}}, "why"});
  CHECK(refused.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(refused.status().message() ==
        "cannot REASSIGN a ticket in state PENDING_DISPATCH; a ticket waiting for dispatch is "
        "dispatched with DispatchManually");
  auto invalid = office.Reassign(RoutingWorld::Office(), {"", {}, ""});
  CHECK(ViolatedFields(invalid.status()) == std::vector<std::string>{"ticket_number", "reason"});
}

TEST_CASE("ListManualQueue pages within the office's jurisdiction", "[office_actions]") {
  RoutingWorld world;
  OfficeActions office(world.transactions, world.dispatcher);
  const common::Ticket a = QueuedTicket(world);
  world.clock.Advance(absl::Minutes(1));
  const common::Ticket b = QueuedTicket(world);

  auto first = office.ListManualQueue(RoutingWorld::Office(), {1, ""});
  REQUIRE(first.ok());
  REQUIRE(first->entries.size() == 1);
  CHECK(first->entries[0].ticket_number() == a.number());
  auto second = office.ListManualQueue(RoutingWorld::Office(), {1, first->next_page_token});
  REQUIRE(second.ok());
  REQUIRE(second->entries.size() == 1);
  CHECK(second->entries[0].ticket_number() == b.number());
  CHECK(office.ListManualQueue(RoutingWorld::Office("5302"), {0, ""})->entries.empty());
  CHECK(ViolatedFields(office.ListManualQueue(RoutingWorld::Office(), {501, "x"}).status()) ==
        std::vector<std::string>{"page_size", "page_token"});
}

TEST_CASE("Explain lists every decision for the ticket", "[office_actions]") {
  RoutingWorld world;
  OfficeActions office(world.transactions, world.dispatcher);
  const common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(ticket);
  auto decisions = office.Explain(RoutingWorld::Office(), ticket.number());
  REQUIRE(decisions.ok());
  REQUIRE(decisions->size() == 1);
  CHECK(decisions->front().reason_code() == "routing.dispatched");
  CHECK(decisions->front().units_size() == 2);
}

}  // namespace
}  // namespace hotline::testing
