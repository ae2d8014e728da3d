#pragma once

#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace hotline::transfer {

// This instance's certificate for the peer protocol and the province CA that signs every
// instance's. The files are watched: replaced certificates apply without a restart.
struct PeerTlsFiles {
  std::string cert;  // PEM, the instance's certificate (its identity in a DNS SAN)
  std::string key;   // PEM private key
  std::string ca;    // PEM, the province CA
};

// Mutual TLS for the peer port: a client certificate is required and verified against the CA.
// FAILED_PRECONDITION when a file cannot be read.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> PeerServerCredentials(
    const PeerTlsFiles& files);

// For dialling peers: this instance's certificate, and the peer's verified against the CA.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> PeerChannelCredentials(
    const PeerTlsFiles& files);

}  // namespace hotline::transfer
