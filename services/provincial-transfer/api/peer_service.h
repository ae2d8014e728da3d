#pragma once

#include <string>
#include <vector>

#include "hotline/transfer/v1/transfer.grpc.pb.h"
#include "services/provincial-transfer/app/minor_reports.h"
#include "services/provincial-transfer/app/outbox_pull.h"
#include "services/provincial-transfer/app/receiving.h"
#include "services/provincial-transfer/app/topology_cache.h"

namespace hotline::transfer {

// The names a TLS peer is known by: its certificate's DNS SANs, then its CN.
std::vector<std::string> CertificateNames(const grpc::AuthContext& auth);

// gRPC adapter of hotline.transfer.v1.TransferPeer, served on the peer port (mutual TLS, no
// tokens). The caller is the configured peer whose certificate identity its certificate carries;
// an unknown certificate is UNAUTHENTICATED before anything else happens.
class TransferPeerService final : public v1::TransferPeer::Service {
 public:
  TransferPeerService(TopologyCache& topology, Receiving& receiving, const OutboxPull& pull,
                      const MinorReports& minor_reports)
      : topology_(topology), receiving_(receiving), pull_(pull), minor_reports_(minor_reports) {}

  grpc::Status Deliver(grpc::ServerContext* context, const v1::DeliverRequest* request,
                       v1::DeliverResponse* response) override;
  // Catch-up by pull: a page of what this instance still holds for the caller.
  grpc::Status PullUpdates(grpc::ServerContext* context, const v1::PullUpdatesRequest* request,
                           v1::PullUpdatesResponse* response) override;
  // A prefecture's monthly minor-protection figures (the province stores a revision).
  grpc::Status DeliverMinorFigures(grpc::ServerContext* context,
                                   const v1::DeliverMinorFiguresRequest* request,
                                   v1::DeliverMinorFiguresResponse* response) override;

 private:
  absl::StatusOr<PeerConfig> Caller(const grpc::ServerContext& context);

  TopologyCache& topology_;
  Receiving& receiving_;
  const OutboxPull& pull_;
  const MinorReports& minor_reports_;
};

}  // namespace hotline::transfer
