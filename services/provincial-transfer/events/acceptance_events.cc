#include "services/provincial-transfer/events/acceptance_events.h"

#include "hotline/transfer/v1/transfer_events.pb.h"
#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"

namespace hotline::transfer {

bool AcceptanceEvents::Wants(const hotline::common::v1::EventEnvelope& event) const {
  return event.type() == event_type::kTransferForwarded ||
         event.type() == event_type::kTransferRemoteUpdate ||
         event.type() == event_type::kTransferNeedsManualDispatch;
}

absl::Status AcceptanceEvents::Handle(const hotline::common::v1::EventEnvelope& event,
                                      Transaction& tx) const {
  const absl::Time at = FromTimestamp(event.occurred_at());
  if (event.type() == event_type::kTransferForwarded) {
    v1::TicketForwarded forwarded;
    if (!event.payload().UnpackTo(&forwarded)) {
      return absl::InvalidArgumentError("transfer.forwarded without its payload");
    }
    return watch_.OnForwarded(tx, event.ticket_id(), forwarded.destination_instance(), at);
  }
  if (event.type() == event_type::kTransferRemoteUpdate) {
    v1::RemoteUpdate update;
    if (!event.payload().UnpackTo(&update)) {
      return absl::InvalidArgumentError("transfer.remote_update without its payload");
    }
    // Accepted there or further on, or given back during handling: answered either way.
    if (update.change() != v1::REMOTE_CHANGE_ACCEPTED &&
        update.change() != v1::REMOTE_CHANGE_RETURNED) {
      return absl::OkStatus();
    }
    return watch_.OnAnswered(tx, event.ticket_id(), at);
  }
  if (event.type() == event_type::kTransferNeedsManualDispatch) {
    return watch_.OnAnswered(tx, event.ticket_id(), at);
  }
  return absl::OkStatus();
}

}  // namespace hotline::transfer
