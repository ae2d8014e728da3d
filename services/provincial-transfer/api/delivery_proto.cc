#include "services/provincial-transfer/api/delivery_proto.h"

#include <algorithm>

#include "libs/common/proto_time.h"

namespace hotline::transfer {
namespace {

google::protobuf::Duration DurationOf(absl::Duration d) {
  const int64_t micros = absl::ToInt64Microseconds(d);
  google::protobuf::Duration out;
  out.set_seconds(micros / 1000000);
  out.set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
  return out;
}

v1::MessageKind KindOf(v1::PeerEnvelope::BodyCase body) {
  switch (body) {
    case v1::PeerEnvelope::kTicket:
      return v1::MESSAGE_KIND_TICKET;
    case v1::PeerEnvelope::kStatusUpdate:
      return v1::MESSAGE_KIND_STATUS_UPDATE;
    case v1::PeerEnvelope::kMisdirected:
      return v1::MESSAGE_KIND_MISDIRECTED_RETURN;
    case v1::PeerEnvelope::kRecall:
      return v1::MESSAGE_KIND_RECALL;
    case v1::PeerEnvelope::kCancelled:
      return v1::MESSAGE_KIND_CANCELLED;
    case v1::PeerEnvelope::BODY_NOT_SET:
      return v1::MESSAGE_KIND_UNSPECIFIED;
    default:
      return v1::MESSAGE_KIND_OTHER;
  }
}

v1::DeliveryState StateOf(OutboxState state) {
  switch (state) {
    case OutboxState::kPending:
      return v1::DELIVERY_STATE_PENDING;
    case OutboxState::kDelivered:
      return v1::DELIVERY_STATE_DELIVERED;
    case OutboxState::kDead:
      return v1::DELIVERY_STATE_DEAD_LETTERED;
    case OutboxState::kParked:
      return v1::DELIVERY_STATE_PARKED;
  }
  return v1::DELIVERY_STATE_UNSPECIFIED;
}

}  // namespace

v1::PeerQueueStatus PeerQueueToProto(const PeerQueueView& view, absl::Time now) {
  const PeerQueueRow& q = view.queue;
  v1::PeerQueueStatus out;
  out.set_instance_code(q.peer);
  out.set_pending(q.pending);
  out.set_retrying(q.retrying);
  out.set_dead_lettered(q.dead_lettered);
  out.set_parked(q.parked);
  if (q.oldest_pending) {
    *out.mutable_oldest_unacknowledged_age() =
        DurationOf(std::max(absl::ZeroDuration(), now - *q.oldest_pending));
  }
  if (q.last_success_at) *out.mutable_last_success_at() = ToTimestamp(*q.last_success_at);
  out.set_last_error(q.last_error);
  if (q.last_error_at) *out.mutable_last_error_at() = ToTimestamp(*q.last_error_at);
  out.set_configured(view.configured);
  out.set_unacknowledged(view.unacknowledged);
  return out;
}

void SetAcceptance(const AcceptanceWatchRow& watch, v1::DestinationDeliveries& destination) {
  *destination.mutable_acceptance_due_at() = ToTimestamp(watch.due_at);
  if (watch.answered_at) *destination.mutable_answered_at() = ToTimestamp(*watch.answered_at);
  destination.set_unacknowledged(watch.flagged_at.has_value() && !watch.answered_at.has_value());
  destination.set_acceptance_tier(watch.tier);
}

v1::Delivery DeliveryToProto(const DeliveryRow& row) {
  v1::Delivery out;
  out.set_message_id(row.id);
  out.set_peer(row.peer);
  out.set_sequence(row.sequence);
  out.set_kind(KindOf(row.body));
  out.set_state(StateOf(row.state));
  out.set_attempts(row.attempts);
  out.set_last_error(row.last_error);
  *out.mutable_created_at() = ToTimestamp(row.created_at);
  if (row.state == OutboxState::kPending) {
    *out.mutable_next_attempt_at() = ToTimestamp(row.next_attempt_at);
  }
  if (row.delivered_at) *out.mutable_delivered_at() = ToTimestamp(*row.delivered_at);
  out.set_cancelled(row.cancelled);
  return out;
}

}  // namespace hotline::transfer
