// The steering RPCs of hotline.transfer.v1.Transfer: operators see each peer's queue and one
// ticket's deliveries, and retry, park or cancel messages (app/delivery_steering.h).
#include <map>

#include "libs/common/field_violations.h"
#include "libs/service/rpc_handler.h"
#include "services/provincial-transfer/api/delivery_proto.h"
#include "services/provincial-transfer/api/transfer_service.h"

namespace hotline::transfer {

grpc::Status TransferService::ListPeerQueues(Context* context, const v1::ListPeerQueuesRequest*,
                                             v1::ListPeerQueuesResponse* response) {
  return Serve(context, [&](const service::Principal&) {
    absl::StatusOr<std::vector<PeerQueueView>> peers = use_cases_.steering.PeerQueues();
    if (!peers.ok()) return peers.status();
    const absl::Time now = absl::Now();
    for (const PeerQueueView& view : *peers) *response->add_peers() = PeerQueueToProto(view, now);
    return absl::OkStatus();
  });
}

grpc::Status TransferService::ListTicketDeliveries(Context* context,
                                                   const v1::ListTicketDeliveriesRequest* request,
                                                   v1::ListTicketDeliveriesResponse* response) {
  return Serve(context, [&](const service::Principal&) {
    absl::StatusOr<TicketDeliveriesView> view =
        use_cases_.steering.TicketDeliveries(request->ticket_number());
    if (!view.ok()) return view.status();
    std::map<std::string, v1::DestinationDeliveries> by_peer;
    for (const DeliveryRow& row : view->rows) {  // by peer, then sequence
      v1::DestinationDeliveries& destination = by_peer[row.peer];
      destination.set_peer(row.peer);
      *destination.add_deliveries() = DeliveryToProto(row);
    }
    for (const AcceptanceWatchRow& watch : view->watches) {
      v1::DestinationDeliveries& destination = by_peer[watch.peer];
      destination.set_peer(watch.peer);
      SetAcceptance(watch, destination);
    }
    for (auto& [peer, destination] : by_peer) {
      *response->add_destinations() = std::move(destination);
    }
    return absl::OkStatus();
  });
}

grpc::Status TransferService::RetryDeliveries(Context* context,
                                              const v1::RetryDeliveriesRequest* request,
                                              v1::RetryDeliveriesResponse* response) {
  return Serve(context, [&](const service::Principal& caller) {
    absl::StatusOr<int> retried;
    switch (request->target_case()) {
      case v1::RetryDeliveriesRequest::kMessageId:
        retried = use_cases_.steering.RetryMessage(caller.ToActor(), request->message_id(),
                                                   request->reason());
        break;
      case v1::RetryDeliveriesRequest::kPeer:
        retried = use_cases_.steering.RetryPeer(caller.ToActor(), request->peer(),
                                                request->dead_letters(), request->reason());
        break;
      case v1::RetryDeliveriesRequest::TARGET_NOT_SET:
        return InvalidFields({{"target", "required: a message_id or a peer"}});
    }
    if (!retried.ok()) return retried.status();
    response->set_messages(*retried);
    return absl::OkStatus();
  });
}

grpc::Status TransferService::ParkDelivery(Context* context, const v1::ParkDeliveryRequest* request,
                                           v1::ParkDeliveryResponse* response) {
  return Serve(context, [&](const service::Principal& caller) {
    absl::StatusOr<DeliveryRow> parked =
        use_cases_.steering.Park(caller.ToActor(), request->message_id(), request->reason());
    if (!parked.ok()) return parked.status();
    *response->mutable_delivery() = DeliveryToProto(*parked);
    return absl::OkStatus();
  });
}

grpc::Status TransferService::CancelDelivery(Context* context,
                                             const v1::CancelDeliveryRequest* request,
                                             v1::CancelDeliveryResponse* response) {
  return Serve(context, [&](const service::Principal& caller) {
    absl::StatusOr<DeliveryRow> cancelled = use_cases_.steering.Cancel(
        caller.ToActor(), request->message_id(), request->reason_code(), request->reason());
    if (!cancelled.ok()) return cancelled.status();
    *response->mutable_delivery() = DeliveryToProto(*cancelled);
    return absl::OkStatus();
  });
}

}  // namespace hotline::transfer
