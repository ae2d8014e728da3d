#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/support/channel_arguments.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace hotline::tls {

// How a client reaches a service: plaintext when `ca` is empty (loopback only: services refuse
// plaintext elsewhere), TLS verified against `ca` otherwise.
struct ClientTls {
  std::string ca;           // PEM CA bundle the server's certificate must chain to
  std::string cert, key;    // optional client certificate (mutual TLS)
  std::string server_name;  // name to verify instead of the dialled host (e.g. behind a proxy)

  bool enabled() const { return !ca.empty(); }
};

// HOTLINE_TLS_CA, HOTLINE_TLS_CLIENT_CERT, HOTLINE_TLS_CLIENT_KEY, HOTLINE_TLS_SERVER_NAME.
ClientTls ClientTlsFromEnvironment();

// A channel to `address` ("host:port"). INVALID_ARGUMENT / FAILED_PRECONDITION when the TLS
// files are incomplete or unreadable.
absl::StatusOr<std::shared_ptr<grpc::Channel>> Dial(const std::string& address,
                                                    const ClientTls& tls,
                                                    grpc::ChannelArguments args = {});

}  // namespace hotline::tls
