#include "libs/tls/client_flags.h"

#include <string>

#include "absl/flags/flag.h"

ABSL_FLAG(std::string, tls_ca, "",
          "PEM CA bundle: dial the service over TLS and verify its certificate against it "
          "(empty = plaintext, which services allow on loopback only)");
ABSL_FLAG(std::string, tls_client_cert, "", "PEM client certificate for mutual TLS");
ABSL_FLAG(std::string, tls_client_key, "", "PEM key of --tls_client_cert");
ABSL_FLAG(std::string, tls_server_name, "",
          "Name to verify in the server's certificate instead of the dialled host");

namespace hotline::tls {

ClientTls ClientTlsFromFlags() {
  return {absl::GetFlag(FLAGS_tls_ca), absl::GetFlag(FLAGS_tls_client_cert),
          absl::GetFlag(FLAGS_tls_client_key), absl::GetFlag(FLAGS_tls_server_name)};
}

}  // namespace hotline::tls
