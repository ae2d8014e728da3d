#include "services/intake/rules/timeline.h"

#include "libs/domain/event_types.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;

v1::TimelineEntry TimelineEntryOf(const common::EventEnvelope& event, common::TicketState& state) {
  v1::TimelineEntry entry;
  *entry.mutable_at() = event.occurred_at();
  entry.set_type(event.type());
  entry.set_actor_role(event.actor().role());
  entry.set_actor(event.actor().principal());
  common::TicketStateChanged changed;
  if (event.type() == event_type::kTicketCreated) {
    state = common::TICKET_STATE_RECEIVED;
  } else if (event.payload().UnpackTo(&changed) &&
             event.type() == event_type::kTicketStateChanged) {
    state = changed.to();
    entry.set_reason_code(changed.reason_code());
  }
  entry.set_state_after(state);
  return entry;
}

}  // namespace hotline::intake
