#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/security/credentials.h>

#include <map>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/provincial-transfer/app/minor_push.h"
#include "services/provincial-transfer/app/peer_sender.h"

namespace hotline::transfer {

// PeerTransport over gRPC with mutual TLS: one channel per peer address, this instance's
// certificate, and the peer's verified against the CA under the peer's configured identity
// (whatever address it is reached at). It also carries the monthly minor-protection figures.
class GrpcPeerTransport final : public PeerTransport, public MinorPushTransport {
 public:
  explicit GrpcPeerTransport(std::shared_ptr<grpc::ChannelCredentials> credentials)
      : credentials_(std::move(credentials)) {}

  absl::StatusOr<Ack> Deliver(const PeerConfig& peer, const v1::PeerEnvelope& envelope,
                              absl::Duration timeout) override;
  absl::StatusOr<PulledPage> Pull(const PeerConfig& peer, const PullRequest& request,
                                  absl::Duration timeout) override;
  absl::StatusOr<StoredRevision> DeliverMinorFigures(const PeerConfig& province,
                                                     const v1::MinorMonthFigures& figures,
                                                     absl::Duration timeout) override;

 private:
  std::shared_ptr<grpc::Channel> ChannelTo(const PeerConfig& peer);

  const std::shared_ptr<grpc::ChannelCredentials> credentials_;
  absl::Mutex mu_;
  // Keyed by address and identity: a changed peer gets a new channel.
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels_ ABSL_GUARDED_BY(mu_);
};

}  // namespace hotline::transfer
