#include "services/intake/rules/timeline.h"

#include "hotline/transfer/v1/transfer_events.pb.h"
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
  hotline::transfer::v1::TicketForwarded forwarded;
  hotline::transfer::v1::RemoteUpdate remote;
  v1::AnsweredFromKnowledge answered;
  if (event.type() == event_type::kIntakeAnswered && event.payload().UnpackTo(&answered)) {
    entry.set_article_key(answered.article_key());
    entry.set_article_version(answered.article_version());
  } else if (event.type() == event_type::kTransferForwarded &&
             event.payload().UnpackTo(&forwarded)) {
    entry.set_remote_instance(forwarded.destination_instance());
    entry.set_reason_code(forwarded.reason_code());
  } else if (event.type() == event_type::kTransferRemoteUpdate &&
             event.payload().UnpackTo(&remote)) {
    entry.set_remote_instance(remote.remote_instance());
    entry.set_remote_ticket_number(remote.remote_ticket_number());
    entry.set_remote_state(remote.remote_state());
    *entry.mutable_at() = remote.occurred_at();  // when it happened there
  }
  return entry;
}

std::optional<v1::TransferredTo> TransferredToOf(
    const std::vector<common::EventEnvelope>& history) {
  std::optional<v1::TransferredTo> to;
  for (const common::EventEnvelope& event : history) {
    hotline::transfer::v1::TicketForwarded forwarded;
    hotline::transfer::v1::RemoteUpdate remote;
    if (event.type() == event_type::kTransferForwarded && event.payload().UnpackTo(&forwarded)) {
      to.emplace();
      to->set_sent_to(forwarded.destination_instance());
    } else if (to && event.type() == event_type::kTransferRemoteUpdate &&
               event.payload().UnpackTo(&remote)) {
      to->set_handled_by(remote.remote_instance());
      to->set_remote_ticket_number(remote.remote_ticket_number());
      to->set_remote_state(remote.remote_state());
    }
  }
  return to;
}

}  // namespace hotline::intake
