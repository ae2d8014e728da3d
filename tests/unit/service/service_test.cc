#include <catch2/catch.hpp>
#include <cstdlib>

#include "absl/flags/flag.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "libs/common/field_violations.h"
#include "libs/service/auth_interceptor.h"
#include "libs/service/env_flags.h"
#include "libs/service/grpc_status.h"
#include "libs/service/rpc_metrics.h"
#include "libs/service/token_auth.h"

ABSL_FLAG(std::string, test_region, "53", "a flag for the environment test");
ABSL_FLAG(int, test_limit, 1, "a flag for the environment test");

namespace hotline::service {
namespace {

TEST_CASE("absl codes map one to one onto gRPC codes", "[service]") {
  for (int code = 1; code <= 16; ++code) {
    const auto status = absl::Status(static_cast<absl::StatusCode>(code), "why");
    grpc::Status mapped = ToGrpcStatus(status);
    CHECK(static_cast<int>(mapped.error_code()) == code);
    if (code == 2 || code == 13) {
      CHECK(mapped.error_message().find("why") == std::string::npos);  // internals stay inside
    } else {
      CHECK(mapped.error_message() == "why");
    }
  }
  CHECK(ToGrpcStatus(absl::OkStatus()).ok());
}

TEST_CASE("INVALID_ARGUMENT carries a google.rpc.BadRequest with every field", "[service]") {
  grpc::Status mapped =
      ToGrpcStatus(InvalidFields({{"kind", "required"}, {"region.code", "not a division code"}}));
  REQUIRE(mapped.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  REQUIRE(details.ParseFromString(mapped.error_details()));
  CHECK(details.code() == 3);
  google::rpc::BadRequest bad;
  REQUIRE(details.details(0).UnpackTo(&bad));
  REQUIRE(bad.field_violations_size() == 2);
  CHECK(bad.field_violations(0).field() == "kind");
  CHECK(bad.field_violations(1).description() == "not a division code");
}

TEST_CASE("flags have HOTLINE_ environment names", "[service]") {
  CHECK(EnvironmentNameOf("pg_url") == "HOTLINE_PG_URL");
  CHECK(EnvironmentNameOf("auth_cache_ttl") == "HOTLINE_AUTH_CACHE_TTL");
}

TEST_CASE("the environment sets flags and the command line wins over it", "[service]") {
  setenv("HOTLINE_TEST_REGION", "5301", 1);
  setenv("HOTLINE_TEST_LIMIT", "7", 1);
  std::string program = "test", arg = "--test_limit=9";
  char* argv[] = {program.data(), arg.data()};
  ParseFlagsWithEnvironment(2, argv, "usage");
  CHECK(absl::GetFlag(FLAGS_test_region) == "5301");
  CHECK(absl::GetFlag(FLAGS_test_limit) == 9);
  unsetenv("HOTLINE_TEST_REGION");
  unsetenv("HOTLINE_TEST_LIMIT");
}

TEST_CASE("a bad value in the environment is refused, naming the variable", "[service]") {
  setenv("HOTLINE_TEST_LIMIT", "many", 1);
  absl::Status status = ApplyEnvironmentToFlags();
  unsetenv("HOTLINE_TEST_LIMIT");
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);
  CHECK(status.message().find("HOTLINE_TEST_LIMIT") != absl::string_view::npos);
}

TEST_CASE("tokens are random and stored as SHA-256", "[service]") {
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string a = NewToken(), b = NewToken();
  CHECK(a.size() == 64);
  CHECK(a != b);
}

TEST_CASE("health and reflection are the only public methods", "[service]") {
  CHECK(IsPublicMethod("/grpc.health.v1.Health/Check"));
  CHECK(IsPublicMethod("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"));
  CHECK_FALSE(IsPublicMethod("/hotline.intake.v1.Intake/ListCategories"));
  CHECK_FALSE(IsPublicMethod("/grpc.healthcheck/x"));
}

TEST_CASE("status code names", "[service]") {
  CHECK(std::string(StatusCodeName(0)) == "OK");
  CHECK(std::string(StatusCodeName(16)) == "UNAUTHENTICATED");
  CHECK(std::string(StatusCodeName(99)) == "UNKNOWN");
}

}  // namespace
}  // namespace hotline::service
