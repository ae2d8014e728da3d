#include "services/provincial-transfer/api/peer_tls.h"

#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_credentials_options.h>

#include <fstream>

#include "absl/strings/str_cat.h"

namespace hotline::transfer {
namespace {

// How often the watched files are read again.
constexpr unsigned int kRefreshSeconds = 10;

absl::Status Readable(const PeerTlsFiles& files) {
  for (const std::string* path : {&files.cert, &files.key, &files.ca}) {
    if (path->empty() || !std::ifstream(*path)) {
      return absl::FailedPreconditionError(
          absl::StrCat("cannot read the peer TLS file '", *path, "'"));
    }
  }
  return absl::OkStatus();
}

std::shared_ptr<grpc::experimental::CertificateProviderInterface> Provider(
    const PeerTlsFiles& files) {
  return std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
      files.key, files.cert, files.ca, kRefreshSeconds);
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> PeerServerCredentials(
    const PeerTlsFiles& files) {
  if (absl::Status ok = Readable(files); !ok.ok()) return ok;
  grpc::experimental::TlsServerCredentialsOptions options(Provider(files));
  options.watch_root_certs();
  options.watch_identity_key_cert_pairs();
  options.set_cert_request_type(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  return grpc::experimental::TlsServerCredentials(options);
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> PeerChannelCredentials(
    const PeerTlsFiles& files) {
  if (absl::Status ok = Readable(files); !ok.ok()) return ok;
  grpc::experimental::TlsChannelCredentialsOptions options;
  options.set_certificate_provider(Provider(files));
  options.watch_root_certs();
  options.watch_identity_key_cert_pairs();
  options.set_verify_server_certs(true);
  return grpc::experimental::TlsCredentials(options);
}

}  // namespace hotline::transfer
