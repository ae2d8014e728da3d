#include "services/provincial-transfer/api/peer_tls.h"

#include "libs/tls/tls_credentials.h"

namespace hotline::transfer {
namespace {

// Every peer file is required: the peer protocol is mutual TLS only.
absl::Status Complete(const PeerTlsFiles& files) {
  for (const std::string* path : {&files.cert, &files.key, &files.ca}) {
    if (path->empty()) {
      return absl::FailedPreconditionError(
          "the peer port needs its certificate, its key and the province CA");
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> PeerServerCredentials(
    const PeerTlsFiles& files) {
  if (absl::Status ok = Complete(files); !ok.ok()) return ok;
  return tls::ServerCredentials({files.cert, files.key, files.ca});
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> PeerChannelCredentials(
    const PeerTlsFiles& files) {
  if (absl::Status ok = Complete(files); !ok.ok()) return ok;
  return tls::ChannelCredentials({files.cert, files.key, files.ca});
}

}  // namespace hotline::transfer
