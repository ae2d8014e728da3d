#include "services/routing/app/lead_return.h"

#include "libs/domain/event_types.h"
#include "services/routing/app/assignment_access.h"

namespace hotline::routing {

namespace v1 = hotline::routing::v1;
namespace common = hotline::common::v1;
using domain::AssignmentAction;
using domain::TicketAction;

absl::StatusOr<v1::RoutingDecision> ReturnLeadAndRoute(
    Transaction& tx, const Dispatcher& dispatcher, int64_t ticket_id, v1::Assignment& lead,
    const std::string& objection, const common::Actor& actor, bool designation_due) {
  const RoutingStores& stores = dispatcher.stores();
  if (absl::Status moved = MoveAssignment(lead, AssignmentAction::kReturn); !moved.ok()) {
    return moved;
  }
  lead.set_return_reason(objection);
  stores.assignments.Save(tx, lead);
  v1::AssignmentChanged changed;
  *changed.mutable_assignment() = lead;
  auto ticket = stores.tickets.Record(tx, ticket_id, 0, event_type::kRoutingAssignmentChanged,
                                      changed, actor);
  if (!ticket.ok()) return ticket.status();
  // The round ends: its other live parts are withdrawn with it.
  for (v1::Assignment& other : stores.assignments.OfRound(tx, ticket_id, lead.round())) {
    if (other.id() == lead.id() || !MoveAssignment(other, AssignmentAction::kCancel).ok()) {
      continue;
    }
    stores.assignments.Save(tx, other);
    *changed.mutable_assignment() = other;
    ticket = stores.tickets.Record(tx, ticket_id, ticket->version(),
                                   event_type::kRoutingAssignmentChanged, changed, actor);
    if (!ticket.ok()) return ticket.status();
  }
  const bool was_chain = [&] {
    const auto decisions = stores.decisions.Of(tx, ticket_id);
    return !decisions.empty() && decisions.back().outcome() == v1::DECISION_OUTCOME_EMERGENCY_CHAIN;
  }();
  ticket = stores.tickets.Apply(tx, ticket_id, ticket->version(), TicketAction::kReturn, actor,
                                {"routing.returned"});
  if (!ticket.ok()) return ticket.status();
  RouteRequest request{"returned", was_chain, objection, lead.unit_id()};
  request.designation_due = designation_due;
  return dispatcher.Route(tx, *ticket, stores.assignments.RoutingStateOf(tx, ticket_id), request,
                          actor);
}

}  // namespace hotline::routing
