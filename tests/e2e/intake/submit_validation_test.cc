// Bad submissions: every bad field reported at once, nothing written.
#include <catch2/catch.hpp>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "tests/e2e/intake/intake_fixture.h"
#include "tests/support/http_get.h"
#include "tests/support/test_env.h"

namespace hotline::intake::testing {
namespace {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;
using ::hotline::testing::UniqueName;

std::vector<std::string> BadFields(const grpc::Status& status) {
  REQUIRE(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  REQUIRE(details.ParseFromString(status.error_details()));
  google::rpc::BadRequest bad;
  REQUIRE(details.details_size() == 1);
  REQUIRE(details.details(0).UnpackTo(&bad));
  std::vector<std::string> fields;
  for (const auto& v : bad.field_violations()) fields.push_back(v.field());
  return fields;
}

TEST_CASE("each rule of a submission is checked, all at once", "[intake][validation]") {
  IntakeFixture f;
  using Mutation = std::function<void(v1::SubmitTicketRequest&)>;
  const std::vector<std::pair<std::string, Mutation>> cases = {
      {"idempotency_key", [](auto& r) { r.clear_idempotency_key(); }},
      {"idempotency_key", [](auto& r) { r.set_idempotency_key("has spaces"); }},
      {"channel", [](auto& r) { r.clear_channel(); }},
      {"source_line", [](auto& r) { r.clear_source_line(); }},
      {"kind", [](auto& r) { r.set_kind(static_cast<common::TicketKind>(42)); }},
      {"urgency", [](auto& r) { r.clear_urgency(); }},
      {"category", [](auto& r) { r.clear_category(); }},
      {"category", [](auto& r) { r.set_category("no-such/category"); }},
      {"region_code", [](auto& r) { r.set_region_code("5301x"); }},
      {"region_code", [](auto& r) { r.set_region_code("5300001"); }},
      {"caller.phone", [](auto& r) { r.mutable_caller()->set_phone("12345"); }},
      {"caller.phone", [](auto& r) { r.mutable_caller()->clear_phone(); }},
      {"caller.name", [](auto& r) { r.mutable_caller()->set_name(std::string(51 * 3, 'x')); }},
      {"content", [](auto& r) { r.clear_content(); }},
      {"content", [](auto& r) { r.set_content(std::string(5001, 'a')); }},
      {"content", [](auto& r) { r.set_content("bell\x07"); }},
      {"address", [](auto& r) { r.set_address(std::string(501, 'a')); }},
      {"attachments[0].uri", [](auto& r) { r.add_attachments()->set_uri("ftp://x/y"); }},
  };
  for (const auto& [field, mutate] : cases) {
    auto request = f.ValidRequest(UniqueName("k"));
    mutate(request);
    v1::SubmitTicketResponse r;
    const auto fields = BadFields(f.Submit(request, &r));
    INFO("expected a violation of " << field);
    CHECK(std::find(fields.begin(), fields.end(), field) != fields.end());
  }

  auto many = f.ValidRequest("");
  many.clear_kind();
  many.set_region_code("9");
  many.clear_content();
  v1::SubmitTicketResponse r;
  const auto fields = BadFields(f.Submit(many, &r));
  CHECK(fields.size() >= 4);

  // Anonymous callers need no phone; a landline with an extension is a phone.
  auto anonymous = f.ValidRequest(UniqueName("k"));
  anonymous.mutable_caller()->clear_phone();
  anonymous.mutable_caller()->clear_name();
  anonymous.mutable_caller()->set_anonymous(true);
  CHECK(f.Submit(anonymous, &r).ok());
  auto landline = f.ValidRequest(UniqueName("k"));
  landline.mutable_caller()->set_phone("0871-65551234-123");
  CHECK(f.Submit(landline, &r).ok());

  CHECK(f.Count("SELECT count(*) FROM tickets") == 2);
  CHECK(f.Count("SELECT count(*) FROM intake_requests") == 2);
}

TEST_CASE("roles that do not take calls may not submit", "[intake][validation]") {
  IntakeFixture f;
  v1::SubmitTicketResponse r;
  CHECK(f.Submit(f.ValidRequest(UniqueName("k")), &r, f.reporting).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
  CHECK(f.Submit(f.ValidRequest(UniqueName("k")), &r, "no-such-token").error_code() ==
        grpc::StatusCode::UNAUTHENTICATED);
  CHECK(f.Count("SELECT count(*) FROM tickets") == 0);
  const std::string metrics = ::hotline::testing::HttpGet(f.metrics_port(), "/metrics");
  const std::string method = "method=\"/hotline.intake.v1.Intake/SubmitTicket\"";
  CHECK(::hotline::testing::Sample(
            metrics, "hotline_rpc_requests_total{code=\"PERMISSION_DENIED\"," + method + "}") == 1);
  CHECK(::hotline::testing::Sample(
            metrics, "hotline_rpc_requests_total{code=\"UNAUTHENTICATED\"," + method + "}") == 1);
}

}  // namespace
}  // namespace hotline::intake::testing
