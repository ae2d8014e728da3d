#include "services/supervision/events/ticket_events.h"

#include "hotline/routing/v1/routing.pb.h"
#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"
#include "libs/domain/ticket_state.h"

namespace hotline::supervision {
namespace {

namespace common = hotline::common::v1;
namespace routing = hotline::routing::v1;

// The transitions that start, pause, resume or stop clocks; the others (accepted, dispatched,
// signed…) change none, and most of a ticket's transitions are of that kind.
bool MovesClocks(const common::TicketStateChanged& changed) {
  const common::TicketState to = changed.to(), from = changed.from();
  return to == common::TICKET_STATE_SUSPENDED || from == common::TICKET_STATE_SUSPENDED ||
         to == common::TICKET_STATE_REPLIED || from == common::TICKET_STATE_REPLIED ||
         to == common::TICKET_STATE_CLOSED || to == common::TICKET_STATE_ANSWERED ||
         to == common::TICKET_STATE_FOLLOWED_UP || to == common::TICKET_STATE_REOPENED ||
         domain::IsTerminal(static_cast<domain::TicketState>(to));
}

}  // namespace

bool SupervisionWants(const common::EventEnvelope& event) {
  if (event.type() == event_type::kRoutingDispatched ||
      event.type() == event_type::kRoutingAssignmentChanged) {
    return true;
  }
  common::TicketStateChanged changed;
  return event.type() == event_type::kTicketStateChanged && event.payload().UnpackTo(&changed) &&
         MovesClocks(changed);
}

absl::Status HandleTicketEvent(ClockKeeper& keeper, const common::EventEnvelope& event,
                               Transaction& tx) {
  if (!SupervisionWants(event)) return absl::OkStatus();
  const absl::Time at = FromTimestamp(event.occurred_at());
  routing::TicketDispatched dispatched;
  routing::AssignmentChanged assignment;
  common::TicketStateChanged changed;
  if (event.type() == event_type::kRoutingDispatched && event.payload().UnpackTo(&dispatched)) {
    return keeper.Dispatched(tx, event.ticket_id(), dispatched, at);
  }
  if (event.type() == event_type::kRoutingAssignmentChanged &&
      event.payload().UnpackTo(&assignment)) {
    return keeper.AssignmentChanged(tx, event.ticket_id(), assignment.assignment(), at);
  }
  if (event.type() == event_type::kTicketStateChanged && event.payload().UnpackTo(&changed)) {
    return keeper.StateChanged(tx, event.ticket_id(), changed, at);
  }
  return absl::OkStatus();
}

}  // namespace hotline::supervision
