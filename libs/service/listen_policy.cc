#include "libs/service/listen_policy.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace hotline::service {

bool IsLoopbackHost(absl::string_view host) {
  if (absl::ConsumePrefix(&host, "[")) {
    if (!absl::ConsumeSuffix(&host, "]")) return false;
  }
  if (absl::EqualsIgnoreCase(host, "localhost") || host == "::1") return true;
  // 127.0.0.0/8, written as four decimal parts: "127." and three more.
  if (!absl::ConsumePrefix(&host, "127.")) return false;
  int parts = 2;
  int digits = 0;
  for (char c : host) {
    if (c == '.') {
      if (digits == 0) return false;
      ++parts;
      digits = 0;
    } else if (c >= '0' && c <= '9' && digits < 3) {
      ++digits;
    } else {
      return false;
    }
  }
  return parts == 4 && digits > 0;
}

absl::Status CheckListenSecurity(const std::string& listen_host, bool tls, bool allow_plaintext) {
  if (tls || allow_plaintext || IsLoopbackHost(listen_host)) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "refusing to serve plaintext gRPC on ", listen_host.empty() ? "every address" : listen_host,
      ": give --tls_cert and --tls_key, or --allow_plaintext_listen when a service mesh "
      "encrypts the traffic"));
}

}  // namespace hotline::service
