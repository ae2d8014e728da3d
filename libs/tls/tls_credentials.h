#pragma once

#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace hotline::tls {

// PEM files. They are watched: replaced files (a renewed certificate, a new CA bundle) apply to
// new connections within seconds, without a restart.
struct TlsFiles {
  std::string cert;  // certificate chain of this side
  std::string key;   // its private key
  std::string ca;    // CA bundle the other side's certificate must chain to
};

// A server's credentials: `cert` and `key` are required; with `ca`, clients must present a
// certificate it signed (mutual TLS). FAILED_PRECONDITION names a file that cannot be read.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentials(const TlsFiles& files);

// A client's credentials: the server's certificate is verified against `ca` (required), and its
// name against the address dialled (or the channel's target-name override). With `cert` and
// `key`, the client presents that certificate (mutual TLS).
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentials(const TlsFiles& files);

}  // namespace hotline::tls
