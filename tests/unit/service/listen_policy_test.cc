#include "libs/service/listen_policy.h"

#include <catch2/catch.hpp>

namespace hotline::service {
namespace {

TEST_CASE("loopback is 127.0.0.0/8, ::1 and localhost, nothing else", "[service][tls]") {
  for (const char* host : {"127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"}) {
    INFO(host);
    CHECK(IsLoopbackHost(host));
  }
  for (const char* host : {"0.0.0.0", "::", "", "10.0.0.1", "127.0.0", "127.0.0.1.5", "127..0.1",
                           "127.0.0.1234", "128.0.0.1", "localhost.example.com", "[::1", "::2"}) {
    INFO(host);
    CHECK_FALSE(IsLoopbackHost(host));
  }
}

TEST_CASE("plaintext is served on loopback only, unless TLS or a mesh is said", "[service][tls]") {
  CHECK(CheckListenSecurity("127.0.0.1", false, false).ok());
  CHECK(CheckListenSecurity("0.0.0.0", true, false).ok());
  CHECK(CheckListenSecurity("0.0.0.0", false, true).ok());
  const absl::Status refused = CheckListenSecurity("0.0.0.0", false, false);
  CHECK(refused.code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(refused.message()),
             Catch::Contains("--tls_cert") && Catch::Contains("--allow_plaintext_listen"));
  CHECK_THAT(std::string(CheckListenSecurity("", false, false).message()),
             Catch::Contains("every address"));
}

}  // namespace
}  // namespace hotline::service
