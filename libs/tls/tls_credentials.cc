#include "libs/tls/tls_credentials.h"

#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_credentials_options.h>

#include <fstream>

#include "absl/strings/str_cat.h"

namespace hotline::tls {
namespace {

// How often the watched files are read again.
constexpr unsigned int kRefreshSeconds = 10;

absl::Status Readable(std::initializer_list<const std::string*> paths) {
  for (const std::string* path : paths) {
    if (path->empty() || !std::ifstream(*path)) {
      return absl::FailedPreconditionError(absl::StrCat("cannot read the TLS file '", *path, "'"));
    }
  }
  return absl::OkStatus();
}

using Provider = grpc::experimental::FileWatcherCertificateProvider;

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentials(const TlsFiles& files) {
  const bool mutual = !files.ca.empty();
  if (absl::Status ok = Readable({&files.cert, &files.key}); !ok.ok()) return ok;
  if (mutual) {
    if (absl::Status ok = Readable({&files.ca}); !ok.ok()) return ok;
  }
  auto provider = mutual
                      ? std::make_shared<Provider>(files.key, files.cert, files.ca, kRefreshSeconds)
                      : std::make_shared<Provider>(files.key, files.cert, kRefreshSeconds);
  grpc::experimental::TlsServerCredentialsOptions options(provider);
  options.watch_identity_key_cert_pairs();
  if (mutual) {
    options.watch_root_certs();
    options.set_cert_request_type(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  } else {
    options.set_cert_request_type(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  }
  return grpc::experimental::TlsServerCredentials(options);
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ChannelCredentials(
    const TlsFiles& files) {
  if (absl::Status ok = Readable({&files.ca}); !ok.ok()) return ok;
  if (files.cert.empty() != files.key.empty()) {
    return absl::InvalidArgumentError("a client certificate and its key go together");
  }
  const bool identity = !files.cert.empty();
  if (identity) {
    if (absl::Status ok = Readable({&files.cert, &files.key}); !ok.ok()) return ok;
  }
  grpc::experimental::TlsChannelCredentialsOptions options;
  options.set_certificate_provider(
      identity ? std::make_shared<Provider>(files.key, files.cert, files.ca, kRefreshSeconds)
               : std::make_shared<Provider>(files.ca, kRefreshSeconds));
  options.watch_root_certs();
  if (identity) options.watch_identity_key_cert_pairs();
  options.set_verify_server_certs(true);
  return grpc::experimental::TlsCredentials(options);
}

}  // namespace hotline::tls
