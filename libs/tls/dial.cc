#include "libs/tls/dial.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <cstdlib>

#include "libs/tls/tls_credentials.h"

namespace hotline::tls {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

}  // namespace

ClientTls ClientTlsFromEnvironment() {
  return {Env("HOTLINE_TLS_CA"), Env("HOTLINE_TLS_CLIENT_CERT"), Env("HOTLINE_TLS_CLIENT_KEY"),
          Env("HOTLINE_TLS_SERVER_NAME")};
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> Dial(const std::string& address,
                                                    const ClientTls& tls,
                                                    grpc::ChannelArguments args) {
  if (!tls.enabled()) {
    if (!tls.cert.empty() || !tls.key.empty()) {
      return absl::InvalidArgumentError("a client certificate needs the CA file (--tls_ca)");
    }
    return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
  }
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      ChannelCredentials({tls.cert, tls.key, tls.ca});
  if (!credentials.ok()) return credentials.status();
  if (!tls.server_name.empty()) args.SetSslTargetNameOverride(tls.server_name);
  return grpc::CreateCustomChannel(address, *credentials, args);
}

}  // namespace hotline::tls
