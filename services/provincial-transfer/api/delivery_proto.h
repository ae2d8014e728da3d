#pragma once

#include "hotline/transfer/v1/transfer.pb.h"
#include "services/provincial-transfer/app/delivery_steering.h"

namespace hotline::transfer {

// The steering use cases' structs as the operators' messages (no message content travels).
v1::PeerQueueStatus PeerQueueToProto(const PeerQueueView& view, absl::Time now);
v1::Delivery DeliveryToProto(const DeliveryRow& row);
// The destination's acceptance watch: due, answered, whether transfer.unacknowledged was raised.
void SetAcceptance(const AcceptanceWatchRow& watch, v1::DestinationDeliveries& destination);

}  // namespace hotline::transfer
