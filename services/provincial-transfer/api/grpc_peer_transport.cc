#include "services/provincial-transfer/api/grpc_peer_transport.h"

#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/support/channel_arguments.h>

#include "absl/strings/str_cat.h"
#include "hotline/transfer/v1/transfer.grpc.pb.h"

namespace hotline::transfer {

std::shared_ptr<grpc::Channel> GrpcPeerTransport::ChannelTo(const PeerConfig& peer) {
  const std::string key = absl::StrCat(peer.address, "|", peer.certificate_identity);
  absl::MutexLock lock(&mu_);
  std::shared_ptr<grpc::Channel>& channel = channels_[key];
  if (channel == nullptr) {
    grpc::ChannelArguments args;
    args.SetSslTargetNameOverride(peer.certificate_identity);
    channel = grpc::CreateCustomChannel(peer.address, credentials_, args);
  }
  return channel;
}

absl::StatusOr<PeerTransport::Ack> GrpcPeerTransport::Deliver(const PeerConfig& peer,
                                                              const v1::PeerEnvelope& envelope,
                                                              absl::Duration timeout) {
  auto stub = v1::TransferPeer::NewStub(ChannelTo(peer));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  v1::DeliverRequest request;
  *request.mutable_envelope() = envelope;
  v1::DeliverResponse response;
  const grpc::Status status = stub->Deliver(&context, request, &response);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  }
  return Ack{response.ticket_number(), response.outcome() == v1::DELIVERY_OUTCOME_APPLIED};
}

absl::StatusOr<PulledPage> GrpcPeerTransport::Pull(const PeerConfig& peer,
                                                   const PullRequest& request,
                                                   absl::Duration timeout) {
  auto stub = v1::TransferPeer::NewStub(ChannelTo(peer));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  v1::PullUpdatesRequest wire;
  wire.set_cursor(request.cursor);
  wire.set_limit(request.limit);
  for (int64_t id : request.taken) wire.add_taken(id);
  v1::PullUpdatesResponse response;
  const grpc::Status status = stub->PullUpdates(&context, wire, &response);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  }
  if (response.message_ids_size() != response.envelopes_size()) {
    return absl::DataLossError("PullUpdates answered envelopes and message ids that do not pair");
  }
  PulledPage page;
  page.envelopes.assign(response.envelopes().begin(), response.envelopes().end());
  page.message_ids.assign(response.message_ids().begin(), response.message_ids().end());
  page.next_cursor = response.next_cursor();
  return page;
}

absl::StatusOr<StoredRevision> GrpcPeerTransport::DeliverMinorFigures(
    const PeerConfig& province, const v1::MinorMonthFigures& figures, absl::Duration timeout) {
  auto stub = v1::TransferPeer::NewStub(ChannelTo(province));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  v1::DeliverMinorFiguresRequest request;
  *request.mutable_figures() = figures;
  v1::DeliverMinorFiguresResponse response;
  const grpc::Status status = stub->DeliverMinorFigures(&context, request, &response);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  }
  return StoredRevision{response.revision(), response.duplicate()};
}

}  // namespace hotline::transfer
