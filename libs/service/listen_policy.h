#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace hotline::service {

// 127.0.0.0/8, ::1 and "localhost": addresses no other machine reaches.
bool IsLoopbackHost(absl::string_view host);

// Plaintext gRPC only on loopback: elsewhere a server needs TLS, unless `allow_plaintext` says a
// layer beneath it (a service mesh's mutual TLS) encrypts the traffic. FAILED_PRECONDITION says
// which flags to give.
absl::Status CheckListenSecurity(const std::string& listen_host, bool tls, bool allow_plaintext);

}  // namespace hotline::service
