#include "services/provincial-transfer/api/transfer_service.h"

#include "libs/common/field_violations.h"
#include "libs/domain/region_code.h"
#include "libs/service/rpc_handler.h"
#include "services/provincial-transfer/api/topology_proto.h"

namespace hotline::transfer {

grpc::Status TransferService::Serve(
    Context* context, absl::FunctionRef<absl::Status(const service::Principal&)> body) {
  return service::HandleRpc(callers_, context, body);
}

grpc::Status TransferService::UpsertPeer(Context* context, const v1::UpsertPeerRequest* request,
                                         v1::UpsertPeerResponse* response) {
  return Serve(context, [&](const service::Principal& caller) {
    absl::StatusOr<PeerUpserted> upserted =
        use_cases_.topology.UpsertPeer(caller.ToActor(), PeerFromProto(request->peer()));
    if (!upserted.ok()) return upserted.status();
    *response->mutable_peer() = PeerToProto(upserted->peer);
    response->set_created(upserted->created);
    return absl::OkStatus();
  });
}

grpc::Status TransferService::RemovePeer(Context* context, const v1::RemovePeerRequest* request,
                                         v1::RemovePeerResponse*) {
  return Serve(context, [&](const service::Principal& caller) {
    return use_cases_.topology.RemovePeer(caller.ToActor(), request->instance_code());
  });
}

grpc::Status TransferService::ListPeers(Context* context, const v1::ListPeersRequest*,
                                        v1::ListPeersResponse* response) {
  return Serve(context, [&](const service::Principal&) {
    absl::StatusOr<Topology> topology = use_cases_.topology.Read();
    if (!topology.ok()) return topology.status();
    for (const PeerConfig& peer : topology->peers) *response->add_peers() = PeerToProto(peer);
    return absl::OkStatus();
  });
}

grpc::Status TransferService::SetPrefectureService(Context* context,
                                                   const v1::SetPrefectureServiceRequest* request,
                                                   v1::SetPrefectureServiceResponse* response) {
  return Serve(context, [&](const service::Principal& caller) {
    absl::StatusOr<PrefectureService> set = use_cases_.topology.SetPrefectureService(
        caller.ToActor(), PrefectureFromProto(request->prefecture()));
    if (!set.ok()) return set.status();
    *response->mutable_prefecture() = PrefectureToProto(*set);
    return absl::OkStatus();
  });
}

grpc::Status TransferService::ListPrefectures(Context* context, const v1::ListPrefecturesRequest*,
                                              v1::ListPrefecturesResponse* response) {
  return Serve(context, [&](const service::Principal&) {
    absl::StatusOr<Topology> topology = use_cases_.topology.Read();
    if (!topology.ok()) return topology.status();
    for (const PrefectureService& f : topology->prefectures) {
      *response->add_prefectures() = PrefectureToProto(f);
    }
    return absl::OkStatus();
  });
}

grpc::Status TransferService::ReloadPeers(Context* context, const v1::ReloadPeersRequest* request,
                                          v1::ReloadPeersResponse* response) {
  return Serve(context, [&](const service::Principal& caller) {
    absl::StatusOr<SeedApplied> applied =
        use_cases_.topology.ApplySeed(caller.ToActor(), request->replace());
    if (!applied.ok()) return applied.status();
    response->set_peers(applied->peers);
    response->set_prefectures(applied->prefectures);
    response->set_removed(applied->removed);
    return absl::OkStatus();
  });
}

grpc::Status TransferService::ExplainDestination(Context* context,
                                                 const v1::ExplainDestinationRequest* request,
                                                 v1::ExplainDestinationResponse* response) {
  return Serve(context, [&](const service::Principal&) {
    if (!domain::RegionCode::Parse(request->region_code()).ok()) {
      return InvalidFields({{"region_code", "required: a division code such as \"530302\""}});
    }
    const Departure departure{request->region_code(), request->category(),
                              request->routing_reason_code(), request->received_from()};
    absl::StatusOr<Destination> destination = use_cases_.destinations.Decide(departure);
    if (!destination.ok()) return destination.status();
    *response->mutable_destination() = DestinationToProto(*destination);
    response->set_explanation(DestinationText(*destination));
    return absl::OkStatus();
  });
}

}  // namespace hotline::transfer
