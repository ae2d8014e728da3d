#include "services/routing/app/event_routing.h"

#include "libs/common/log.h"
#include "libs/domain/assignment_lifecycle.h"
#include "libs/domain/event_types.h"
#include "services/routing/app/assignment_access.h"

namespace hotline::routing {

namespace common = hotline::common::v1;

common::Actor EventRouting::RoutingActor() const {
  common::Actor actor;
  actor.set_role(common::ROLE_ADMIN);
  actor.set_principal("routing");
  actor.set_jurisdiction(dispatcher_.jurisdiction());
  return actor;
}

absl::Status EventRouting::RouteTicket(Transaction& tx, int64_t ticket_id,
                                       const RouteTrigger& trigger) const {
  const RoutingStores& stores = dispatcher_.stores();
  absl::StatusOr<common::Ticket> ticket = stores.tickets.Get(tx, ticket_id);
  if (!ticket.ok()) {
    if (absl::IsNotFound(ticket.status())) return absl::OkStatus();  // another instance's event
    return ticket.status();
  }
  // Moved on since the event, or waiting by hand already: nothing to do.
  if (ticket->state() != trigger.expected) return absl::OkStatus();
  const TicketRouting routing = stores.assignments.RoutingStateOf(tx, ticket->id());
  if (routing.queued) return absl::OkStatus();
  if (trigger.request.trigger == "resumed" &&
      ticket->state() == common::TICKET_STATE_PENDING_DISPATCH && routing.round > 0) {
    return absl::OkStatus();  // was dispatched before; the hotline office decides by hand
  }
  auto decision = dispatcher_.Route(tx, *ticket, routing, trigger.request, RoutingActor());
  if (!decision.ok()) {
    // The ticket changed under us in a way the lifecycle refuses: it is not ours to route now.
    if (absl::IsFailedPrecondition(decision.status())) {
      log::Warning(
          "routing skipped a ticket the lifecycle refused",
          {{"ticket", ticket->number()}, {"error", std::string(decision.status().message())}});
      return absl::OkStatus();
    }
    return decision.status();
  }
  return absl::OkStatus();
}

absl::Status EventRouting::ReopenLeadReply(Transaction& tx, int64_t ticket_id) const {
  const RoutingStores& stores = dispatcher_.stores();
  const TicketRouting routing = stores.assignments.RoutingStateOf(tx, ticket_id);
  for (hotline::routing::v1::Assignment& a :
       stores.assignments.OfRound(tx, ticket_id, routing.round)) {
    if (a.role() != common::ASSIGNMENT_ROLE_LEAD || a.state() != common::ASSIGNMENT_STATE_REPLIED) {
      continue;
    }
    a.set_state(common::ASSIGNMENT_STATE_SIGNED);
    stores.assignments.Save(tx, a);
    hotline::routing::v1::AssignmentChanged payload;
    *payload.mutable_assignment() = a;
    auto recorded = stores.tickets.Record(tx, ticket_id, 0, event_type::kRoutingAssignmentChanged,
                                          payload, RoutingActor());
    if (!recorded.ok()) return recorded.status();
  }
  return absl::OkStatus();
}

absl::Status EventRouting::QueueReturnedTransfer(Transaction& tx, int64_t ticket_id,
                                                 const ReturnedTransfer& returned) const {
  const RoutingStores& stores = dispatcher_.stores();
  absl::StatusOr<common::Ticket> ticket = stores.tickets.Get(tx, ticket_id);
  if (!ticket.ok()) return absl::IsNotFound(ticket.status()) ? absl::OkStatus() : ticket.status();
  if (ticket->state() != common::TICKET_STATE_TRANSFERRED_OUT) return absl::OkStatus();
  const TicketRouting routing = stores.assignments.RoutingStateOf(tx, ticket->id());
  return dispatcher_.QueueReturnedTransfer(tx, *ticket, routing, returned, RoutingActor()).status();
}

absl::Status EventRouting::CancelAssignments(Transaction& tx, int64_t ticket_id) const {
  const RoutingStores& stores = dispatcher_.stores();
  const TicketRouting routing = stores.assignments.RoutingStateOf(tx, ticket_id);
  if (routing.round == 0) return absl::OkStatus();  // never dispatched
  for (hotline::routing::v1::Assignment& a :
       stores.assignments.OfRound(tx, ticket_id, routing.round)) {
    if (!MoveAssignment(a, domain::AssignmentAction::kCancel).ok()) continue;
    stores.assignments.Save(tx, a);
    hotline::routing::v1::AssignmentChanged payload;
    *payload.mutable_assignment() = a;
    auto recorded = stores.tickets.Record(tx, ticket_id, 0, event_type::kRoutingAssignmentChanged,
                                          payload, RoutingActor());
    if (!recorded.ok()) return recorded.status();
  }
  return absl::OkStatus();
}

void EventRouting::SetReplyDue(Transaction& tx, int64_t assignment_id, absl::Time due) const {
  dispatcher_.stores().assignments.SetReplyDue(tx, assignment_id, due);
}

}  // namespace hotline::routing
