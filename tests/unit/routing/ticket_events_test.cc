// Which ticket events routing acts on, and what it does with them, on fakes.
#include <catch2/catch.hpp>

#include "hotline/intake/v1/intake.pb.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "hotline/transfer/v1/transfer_events.pb.h"
#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"
#include "services/routing/app/event_routing.h"
#include "services/routing/events/ticket_events_handler.h"
#include "tests/unit/routing/routing_world.h"

namespace hotline::testing {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::routing::v1;

common::EventEnvelope Event(const common::Ticket& ticket, const std::string& type,
                            const google::protobuf::Message& payload) {
  common::EventEnvelope event;
  event.set_ticket_id(ticket.id());
  event.set_ticket_number(ticket.number());
  event.set_type(type);
  event.mutable_payload()->PackFrom(payload);
  return event;
}

common::EventEnvelope StateChanged(const common::Ticket& ticket, common::TicketState from,
                                   common::TicketState to) {
  common::TicketStateChanged changed;
  changed.set_from(from);
  changed.set_to(to);
  return Event(ticket, event_type::kTicketStateChanged, changed);
}

struct EventWorld {
  RoutingWorld world;
  routing::EventRouting routing{world.dispatcher};
  routing::TicketEventsHandler handler{routing};

  absl::Status Handle(const common::EventEnvelope& event) {
    return world.transactions.Run(
        [&](Transaction& tx) -> absl::Status { return handler.Handle(event, tx); });
  }
};

TEST_CASE("A ticket provincial transfer gives back waits in the manual queue", "[ticket_events]") {
  EventWorld w;
  const common::Ticket ticket = w.world.PutTicket(common::TICKET_STATE_TRANSFERRED_OUT);
  hotline::transfer::v1::NeedsManualDispatch returned;
  returned.set_reason_code("transfer.outside_province");
  const auto event = Event(ticket, event_type::kTransferNeedsManualDispatch, returned);
  CHECK(w.handler.Wants(event));
  REQUIRE(w.Handle(event).ok());
  CHECK(w.world.StateOf(ticket.id()) == common::TICKET_STATE_PENDING_DISPATCH);
  Transaction tx;
  const auto queued = w.world.queue.List(tx, "", std::nullopt, 10);
  REQUIRE(queued.size() == 1);
  CHECK(queued[0].second.reason_code() == "transfer.outside_province");
  CHECK(w.world.tickets.EventTypes(ticket.id()).back() ==
        event_type::kRoutingQueuedForManualDispatch);

  // Redelivered, or the ticket moved on: nothing more happens.
  const size_t events = w.world.tickets.events().size();
  REQUIRE(w.Handle(event).ok());
  CHECK(w.world.tickets.events().size() == events);
}

TEST_CASE("An accepted ticket is routed", "[ticket_events]") {
  EventWorld w;
  const common::Ticket ticket = w.world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  const auto event =
      StateChanged(ticket, common::TICKET_STATE_RECEIVED, common::TICKET_STATE_PENDING_DISPATCH);
  CHECK(w.handler.Wants(event));
  REQUIRE(w.Handle(event).ok());
  CHECK(w.world.StateOf(ticket.id()) == common::TICKET_STATE_DISPATCHED);
  CHECK(w.world.AssignmentOf(ticket.id(), "530102-education").role() ==
        common::ASSIGNMENT_ROLE_LEAD);
  // Redelivered: the ticket has moved on, nothing more happens.
  const size_t events = w.world.tickets.events().size();
  REQUIRE(w.Handle(event).ok());
  CHECK(w.world.tickets.events().size() == events);
}

TEST_CASE("A child-protection emergency goes to the 12349 chain", "[ticket_events]") {
  EventWorld w;
  const common::Ticket ticket = w.world.PutTicket(common::TICKET_STATE_EMERGENCY_REFERRED,
                                                  "minor-protection/abuse", "530102001001");
  hotline::intake::v1::EmergencyReferred referred;
  referred.set_child_protection_emergency(true);
  const auto event = Event(ticket, event_type::kIntakeEmergencyReferred, referred);
  CHECK(w.handler.Wants(event));
  REQUIRE(w.Handle(event).ok());
  CHECK(w.world.StateOf(ticket.id()) == common::TICKET_STATE_DISPATCHED);
  CHECK(w.world.AssignmentOf(ticket.id(), "530102001-child-supervisor").role() ==
        common::ASSIGNMENT_ROLE_LEAD);
  CHECK(w.world.AssignmentOf(ticket.id(), "530102001001-child-director").role() ==
        common::ASSIGNMENT_ROLE_CO_HANDLER);
  CHECK(w.world.AssignmentOf(ticket.id(), "530102-civil-affairs").role() ==
        common::ASSIGNMENT_ROLE_NOTIFIED);
}

TEST_CASE("A reopened ticket goes back to the units that handled it", "[ticket_events]") {
  EventWorld w;
  const common::Ticket dispatched = w.world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  w.world.Dispatch(dispatched);
  REQUIRE(w.world.StateOf(dispatched.id()) == common::TICKET_STATE_DISPATCHED);
  common::Ticket reopened;
  {
    Transaction tx;
    reopened = w.world.tickets.Get(tx, dispatched.id()).value();
  }
  reopened.set_state(common::TICKET_STATE_REOPENED);
  w.world.tickets.Put(reopened);
  const auto event =
      StateChanged(reopened, common::TICKET_STATE_CLOSED, common::TICKET_STATE_REOPENED);
  CHECK(w.handler.Wants(event));
  REQUIRE(w.Handle(event).ok());
  CHECK(w.world.StateOf(reopened.id()) == common::TICKET_STATE_DISPATCHED);
  const v1::Assignment lead = w.world.AssignmentOf(reopened.id(), "530102-education");
  CHECK(lead.round() == 2);
  Transaction tx;
  CHECK(w.world.decisions.Of(tx, reopened.id()).back().reason_code() ==
        "routing.reopened_same_units");
}

TEST_CASE("A withdrawn ticket's live parts are cancelled, replied ones stay", "[ticket_events]") {
  EventWorld w;
  const common::Ticket dispatched = w.world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  w.world.Dispatch(dispatched);
  common::Ticket withdrawn;
  {
    Transaction tx;
    withdrawn = w.world.tickets.Get(tx, dispatched.id()).value();
  }
  withdrawn.set_state(common::TICKET_STATE_WITHDRAWN);
  w.world.tickets.Put(withdrawn);
  const auto event =
      StateChanged(withdrawn, common::TICKET_STATE_DISPATCHED, common::TICKET_STATE_WITHDRAWN);
  CHECK(w.handler.Wants(event));
  const size_t before = w.world.tickets.events().size();
  REQUIRE(w.Handle(event).ok());
  CHECK(w.world.AssignmentOf(withdrawn.id(), "530102-education").state() ==
        common::ASSIGNMENT_STATE_CANCELLED);
  CHECK(w.world.AssignmentOf(withdrawn.id(), "530102-civil-affairs").state() ==
        common::ASSIGNMENT_STATE_CANCELLED);
  const size_t cancelled = w.world.tickets.events().size() - before;
  CHECK(cancelled >= 2);
  CHECK(w.world.tickets.EventTypes(withdrawn.id()).back() == event_type::kRoutingAssignmentChanged);
  // Redelivered: nothing live is left to cancel.
  REQUIRE(w.Handle(event).ok());
  CHECK(w.world.tickets.events().size() == before + cancelled);
}

TEST_CASE("A ticket resumed before its first dispatch is routed", "[ticket_events]") {
  EventWorld w;
  const common::Ticket ticket = w.world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  const auto event =
      StateChanged(ticket, common::TICKET_STATE_SUSPENDED, common::TICKET_STATE_PENDING_DISPATCH);
  CHECK(w.handler.Wants(event));
  REQUIRE(w.Handle(event).ok());
  CHECK(w.world.StateOf(ticket.id()) == common::TICKET_STATE_DISPATCHED);
  Transaction tx;
  CHECK(w.world.decisions.Of(tx, ticket.id()).back().trigger() == "resumed");
}

TEST_CASE("Other events are not routing's", "[ticket_events]") {
  EventWorld w;
  const common::Ticket ticket = w.world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  const common::EventEnvelope others[] = {
      StateChanged(ticket, common::TICKET_STATE_REPLIED, common::TICKET_STATE_CLOSED),
      StateChanged(ticket, common::TICKET_STATE_PENDING_DISPATCH, common::TICKET_STATE_SUSPENDED),
      StateChanged(ticket, common::TICKET_STATE_SUSPENDED, common::TICKET_STATE_IN_PROGRESS),
      Event(ticket, event_type::kIntakeSupplementAdded, hotline::intake::v1::SupplementAdded()),
      Event(ticket, event_type::kSupervisionClocksChanged,
            hotline::supervision::v1::ClocksChanged()),
  };
  for (const common::EventEnvelope& event : others) {
    CHECK_FALSE(w.handler.Wants(event));
    REQUIRE(w.Handle(event).ok());
  }
  CHECK(w.world.StateOf(ticket.id()) == common::TICKET_STATE_PENDING_DISPATCH);
  CHECK(w.world.tickets.events().empty());
}

TEST_CASE("A co-reply clock sets the co-handler's reply limit", "[ticket_events]") {
  EventWorld w;
  const common::Ticket ticket = w.world.PutTicket(common::TICKET_STATE_PENDING_DISPATCH);
  w.world.Dispatch(ticket);
  const v1::Assignment co = w.world.AssignmentOf(ticket.id(), "530102-civil-affairs");
  hotline::supervision::v1::ClocksChanged changed;
  auto* clock = changed.add_clocks();
  clock->set_kind(hotline::supervision::v1::CLOCK_KIND_CO_REPLY);
  clock->set_assignment_id(co.id());
  *clock->mutable_due_at() = ToTimestamp(w.world.clock.Now() + absl::Hours(24));
  const auto event = Event(ticket, event_type::kSupervisionClocksChanged, changed);
  CHECK(w.handler.Wants(event));
  REQUIRE(w.Handle(event).ok());
  CHECK(FromTimestamp(w.world.assignments.Get(co.id()).reply_due_at()) ==
        w.world.clock.Now() + absl::Hours(24));
}

}  // namespace
}  // namespace hotline::testing
