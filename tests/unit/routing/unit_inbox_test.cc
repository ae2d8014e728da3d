// What a handling unit reads (its inbox, the ticket behind an assignment) on fakes.
#include "services/routing/app/unit_inbox.h"

#include <catch2/catch.hpp>

#include "tests/unit/routing/routing_world.h"

namespace hotline::testing {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::routing::v1;
using routing::InboxQuery;
using routing::UnitInbox;

TEST_CASE("The inbox pages newest first and the office sees units within its reach",
          "[unit_inbox]") {
  RoutingWorld world;
  UnitInbox inbox(world.transactions, world.stores, world.audit, world.grants, world.clock);
  const common::Ticket first = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  const common::Ticket second = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  world.Dispatch(first);
  world.Dispatch(second);

  auto page = inbox.List({"530102-education", common::ASSIGNMENT_STATE_UNSPECIFIED, 1, "", {}});
  REQUIRE(page.ok());
  REQUIRE(page->assignments.size() == 1);
  CHECK(page->assignments[0].ticket_number() == second.number());
  auto next = inbox.List(
      {"530102-education", common::ASSIGNMENT_STATE_UNSPECIFIED, 1, page->next_page_token, {}});
  REQUIRE(next.ok());
  REQUIRE(next->assignments.size() == 1);
  CHECK(next->assignments[0].ticket_number() == first.number());
  CHECK(next->next_page_token.empty());

  CHECK(inbox.List({"530102-education", common::ASSIGNMENT_STATE_UNSPECIFIED, 0, "", "5302"})
            .status()
            .code() == absl::StatusCode::kPermissionDenied);
  CHECK(
      inbox.List({"nobody", common::ASSIGNMENT_STATE_UNSPECIFIED, 0, "", "5301"}).status().code() ==
      absl::StatusCode::kNotFound);
  CHECK(ViolatedFields(
            inbox.List({"", common::ASSIGNMENT_STATE_UNSPECIFIED, 501, "x", "5301"}).status()) ==
        std::vector<std::string>{"page_size", "page_token", "unit_id"});
}

TEST_CASE("A unit reads its ticket with the caller withheld on request, and the read is audited",
          "[unit_inbox]") {
  RoutingWorld world;
  UnitInbox inbox(world.transactions, world.stores, world.audit, world.grants, world.clock);
  common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  ticket.mutable_caller()->set_wants_confidentiality(true);
  ticket = world.tickets.Put(ticket);
  world.Dispatch(ticket);
  const v1::Assignment lead = world.AssignmentOf(ticket.id(), "530102-education");

  auto read = inbox.GetAssignedTicket(RoutingWorld::Unit("530102-education"), lead.id());
  REQUIRE(read.ok());
  CHECK(read->caller_withheld);
  CHECK(read->ticket.caller().name().empty());
  CHECK(read->ticket.caller().phone().empty());
  REQUIRE(world.audit.reads().size() == 1);
  CHECK(world.audit.reads()[0].principal == "530102-education");
  CHECK(world.audit.reads()[0].caller_withheld);
  CHECK(world.audit.reads()[0].fields.empty());  // neither the caller nor any text shown

  // Another unit's assignment answers as an absent one.
  CHECK(inbox.GetAssignedTicket(RoutingWorld::Unit("530102-civil-affairs"), lead.id()).status() ==
        inbox.GetAssignedTicket(RoutingWorld::Unit("530102-civil-affairs"), 987654).status());
  CHECK(inbox.GetAssignedTicket(RoutingWorld::Unit("530102-civil-affairs"), lead.id())
            .status()
            .code() == absl::StatusCode::kNotFound);
  CHECK(world.audit.reads().size() == 1);
}

TEST_CASE(
    "On a minor's ticket only the lead learns who called, and co-handlers read while it is open",
    "[unit_inbox]") {
  RoutingWorld world;
  UnitInbox inbox(world.transactions, world.stores, world.audit, world.grants, world.clock);
  common::Ticket ticket = world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  ticket.mutable_flags()->set_involves_minor(true);
  ticket.mutable_caller()->set_name("王芳");
  ticket.mutable_caller()->set_phone("13912345678");
  ticket.set_address("五华区某小区3栋");
  ticket = world.tickets.Put(ticket);
  world.Dispatch(ticket);
  const v1::Assignment lead = world.AssignmentOf(ticket.id(), "530102-education");
  const v1::Assignment co = world.AssignmentOf(ticket.id(), "530102-civil-affairs");
  REQUIRE(lead.role() == common::ASSIGNMENT_ROLE_LEAD);
  REQUIRE(co.role() == common::ASSIGNMENT_ROLE_CO_HANDLER);

  auto as_lead = inbox.GetAssignedTicket(RoutingWorld::Unit("530102-education"), lead.id());
  REQUIRE(as_lead.ok());
  CHECK_FALSE(as_lead->caller_withheld);
  CHECK(as_lead->ticket.caller().name() == "王芳");
  auto as_co = inbox.GetAssignedTicket(RoutingWorld::Unit("530102-civil-affairs"), co.id());
  REQUIRE(as_co.ok());
  CHECK(as_co->caller_withheld);
  CHECK(as_co->ticket.caller().name().empty());
  CHECK(as_co->ticket.caller().phone().empty());
  CHECK(as_co->ticket.address().empty());

  // Closed: the co-handler's part is over, the lead keeps the history.
  Transaction tx;
  common::Ticket closed = world.tickets.Get(tx, ticket.id()).value();
  closed.set_state(common::TICKET_STATE_CLOSED);
  world.tickets.Put(closed);
  CHECK(inbox.GetAssignedTicket(RoutingWorld::Unit("530102-civil-affairs"), co.id())
            .status()
            .code() == absl::StatusCode::kNotFound);
  CHECK(inbox.GetAssignedTicket(RoutingWorld::Unit("530102-education"), lead.id()).ok());
}

}  // namespace
}  // namespace hotline::testing
