// Limits on what one caller can make the service do: calls per credential, message size.
#include <catch2/catch.hpp>
#include <string>

#include "absl/strings/match.h"
#include "tests/e2e/intake/intake_fixture.h"
#include "tests/support/http_get.h"
#include "tests/support/test_env.h"

namespace hotline::intake::testing {
namespace {

namespace v1 = hotline::intake::v1;
using ::hotline::testing::UniqueName;

double RateLimited(const IntakeFixture& f, const std::string& role) {
  return ::hotline::testing::Sample(
      ::hotline::testing::HttpGet(f.metrics_port(), "/metrics"),
      "hotline_rate_limited_total{role=\"" + role + "\",service=\"intake\"}");
}

TEST_CASE("a credential over its rate limit is refused RESOURCE_EXHAUSTED and others are not",
          "[intake][abuse]") {
  // Three calls at once, then one every 100 s: the fourth in a row is over.
  IntakeFixture f({"--rate_limits=frontend=0.01/3"});
  v1::SubmitTicketResponse response;
  for (int i = 0; i < 3; ++i) {
    REQUIRE(f.Submit(f.ValidRequest(UniqueName("rl")), &response).ok());
  }
  const grpc::Status refused = f.Submit(f.ValidRequest(UniqueName("rl")), &response);
  CHECK(refused.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED);
  CHECK(absl::StrContains(refused.error_message(), "rate limit exceeded"));
  CHECK(absl::StrContains(refused.error_message(), "frontend"));
  // Another front-end's credential has its own bucket; other roles their own limits.
  v1::SubmitTicketRequest qujing = f.ValidRequest(UniqueName("rl"));
  qujing.set_region_code("530302");
  CHECK(f.Submit(qujing, &response, f.frontend_qujing).ok());
  CHECK(f.Submit(f.ValidRequest(UniqueName("rl")), &response, f.supervisor).ok());

  CHECK(f.Count("SELECT count(*) FROM tickets") == 5);  // the refused call wrote nothing
  CHECK(RateLimited(f, "frontend") == 1);
  CHECK(RateLimited(f, "supervisor") == 0);
}

TEST_CASE("a request larger than the receive limit is refused before it is read",
          "[intake][abuse]") {
  IntakeFixture f({"--max_receive_message_bytes=65536"});
  v1::SubmitTicketRequest big = f.ValidRequest(UniqueName("big"));
  big.set_content(std::string(100000, 'x'));
  v1::SubmitTicketResponse response;
  const grpc::Status refused = f.Submit(big, &response);
  CHECK(refused.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED);
  CHECK(f.Count("SELECT count(*) FROM tickets") == 0);
  CHECK(f.Submit(f.ValidRequest(UniqueName("big")), &response).ok());
}

}  // namespace
}  // namespace hotline::intake::testing
