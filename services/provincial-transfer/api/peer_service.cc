#include "services/provincial-transfer/api/peer_service.h"

#include "libs/service/grpc_status.h"

namespace hotline::transfer {

std::vector<std::string> CertificateNames(const grpc::AuthContext& auth) {
  std::vector<std::string> names;
  for (const char* property : {"x509_subject_alternative_name", "x509_common_name"}) {
    for (const grpc::string_ref& value : auth.FindPropertyValues(property)) {
      names.emplace_back(value.data(), value.size());
    }
  }
  return names;
}

absl::StatusOr<PeerConfig> TransferPeerService::Caller(const grpc::ServerContext& context) {
  std::shared_ptr<const grpc::AuthContext> auth = context.auth_context();
  if (auth == nullptr || !auth->IsPeerAuthenticated()) {
    return absl::UnauthenticatedError("a peer must present its certificate (mutual TLS)");
  }
  absl::StatusOr<std::shared_ptr<const Topology>> topology = topology_.Current();
  if (!topology.ok()) return topology.status();
  for (const std::string& name : CertificateNames(*auth)) {
    if (const PeerConfig* peer = (*topology)->PeerWithIdentity(name)) return *peer;
  }
  return absl::UnauthenticatedError("the certificate is not that of a configured peer");
}

grpc::Status TransferPeerService::Deliver(grpc::ServerContext* context,
                                          const v1::DeliverRequest* request,
                                          v1::DeliverResponse* response) {
  absl::StatusOr<PeerConfig> peer = Caller(*context);
  if (!peer.ok()) return service::ToGrpcStatus(peer.status());
  absl::StatusOr<DeliveryResult> result = receiving_.Deliver(*peer, request->envelope());
  if (!result.ok()) return service::ToGrpcStatus(result.status());
  response->set_outcome(result->applied ? v1::DELIVERY_OUTCOME_APPLIED : v1::DELIVERY_OUTCOME_HELD);
  response->set_ticket_number(result->local_ticket_number);
  response->set_duplicate(result->duplicate);
  return grpc::Status::OK;
}

grpc::Status TransferPeerService::PullUpdates(grpc::ServerContext* context,
                                              const v1::PullUpdatesRequest* request,
                                              v1::PullUpdatesResponse* response) {
  absl::StatusOr<PeerConfig> peer = Caller(*context);
  if (!peer.ok()) return service::ToGrpcStatus(peer.status());
  const PullRequest pull{
      request->cursor(), request->limit(), {request->taken().begin(), request->taken().end()}};
  absl::StatusOr<PulledPage> page = pull_.Answer(*peer, pull);
  if (!page.ok()) return service::ToGrpcStatus(page.status());
  for (v1::PeerEnvelope& envelope : page->envelopes) {
    *response->add_envelopes() = std::move(envelope);
  }
  for (int64_t id : page->message_ids) response->add_message_ids(id);
  response->set_next_cursor(page->next_cursor);
  return grpc::Status::OK;
}

grpc::Status TransferPeerService::DeliverMinorFigures(grpc::ServerContext* context,
                                                      const v1::DeliverMinorFiguresRequest* request,
                                                      v1::DeliverMinorFiguresResponse* response) {
  absl::StatusOr<PeerConfig> peer = Caller(*context);
  if (!peer.ok()) return service::ToGrpcStatus(peer.status());
  absl::StatusOr<StoredRevision> stored = minor_reports_.Receive(*peer, request->figures());
  if (!stored.ok()) return service::ToGrpcStatus(stored.status());
  response->set_revision(stored->revision);
  response->set_duplicate(stored->duplicate);
  return grpc::Status::OK;
}

}  // namespace hotline::transfer
