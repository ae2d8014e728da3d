// The suite over TLS: what a client must present, what a service refuses to start with, and
// which files hold secrets.
#include <grpcpp/grpcpp.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "grpc/health/v1/health.grpc.pb.h"
#include "libs/tls/dial.h"
#include "tests/support/service_process.h"
#include "tests/support/test_env.h"

namespace hotline {
namespace {

using testing::TestEnv;
namespace health = grpc::health::v1;

std::string SuiteDir() {
  return std::filesystem::path(std::getenv("HOTLINE_TEST_ENV")).parent_path().string();
}

// The health check's status over `channel`, or the RPC's error.
grpc::Status Check(const std::shared_ptr<grpc::Channel>& channel) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  health::HealthCheckResponse response;
  grpc::Status status =
      health::Health::NewStub(channel)->Check(&context, health::HealthCheckRequest(), &response);
  if (status.ok() && response.status() != health::HealthCheckResponse::SERVING) {
    return grpc::Status(grpc::StatusCode::UNAVAILABLE, "not SERVING");
  }
  return status;
}

std::shared_ptr<grpc::Channel> DialWith(const std::string& address, const tls::ClientTls& tls) {
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = tls::Dial(address, tls);
  REQUIRE(channel.ok());
  return *channel;
}

// A CA of its own, which signed none of the suite's certificates.
std::string StrangerCa(const std::string& dir) {
  const std::string ca = dir + "/stranger-ca.pem";
  testing::RunCommand(
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=stranger "
      "-keyout " +
      dir + "/stranger-ca.key -out " + ca + " 2>/dev/null");
  return ca;
}

TEST_CASE("the suite's services answer only clients that verify them over TLS", "[tls]") {
  const TestEnv& env = TestEnv::Get();
  REQUIRE(env.Has("TLS_CA"));  // the ctest fixture runs `suite up --tls`
  const std::string address = env.Value("INTAKE_ADDR");

  CHECK(Check(env.Dial("INTAKE_ADDR")).ok());
  // A plaintext client gets no answer: the handshake it does not make is required.
  CHECK(Check(DialWith(address, {})).error_code() == grpc::StatusCode::UNAVAILABLE);
  // A client trusting another CA refuses the server's certificate.
  char tmpl[] = "/tmp/hotline-tls-XXXXXX";
  REQUIRE(mkdtemp(tmpl) != nullptr);
  tls::ClientTls stranger;
  stranger.ca = StrangerCa(tmpl);
  CHECK(Check(DialWith(address, stranger)).error_code() == grpc::StatusCode::UNAVAILABLE);
  // The certificate names localhost and 127.0.0.1, not other hosts.
  tls::ClientTls wrong_name;
  wrong_name.ca = env.Value("TLS_CA");
  wrong_name.server_name = "intake.elsewhere.test";
  CHECK(Check(DialWith(address, wrong_name)).error_code() == grpc::StatusCode::UNAVAILABLE);
  std::filesystem::remove_all(tmpl);
}

TEST_CASE("a service will not serve plaintext off loopback unless told a mesh encrypts it",
          "[tls]") {
  const std::string out = testing::RunCommand(
      testing::BinaryPath("hotline-intake") +
      " --listen_host=0.0.0.0 --pg_url=postgresql://nobody@127.0.0.1:1/none"
      " --redis_url=redis://127.0.0.1:1 --data_keys=/nonexistent 2>&1; echo exit=$?");
  CHECK_THAT(out, Catch::Contains("refusing to serve plaintext gRPC on 0.0.0.0"));
  CHECK_THAT(out, Catch::Contains("exit=2"));

  const TestEnv& env = TestEnv::Get();
  const std::vector<std::string> common = {
      "--pg_url=" + env.PgUrl(), "--redis_url=" + env.RedisUrl(),
      "--stream_prefix=" + testing::UniqueName("tls"), "--listen_host=0.0.0.0", "--pg_pool_size=2"};
  SECTION("with the suite's certificate it serves TLS on every address") {
    const std::string ca_dir = std::filesystem::path(env.Value("TLS_CA")).parent_path();
    std::vector<std::string> flags = common;
    flags.push_back("--tls_cert=" + ca_dir + "/suite.pem");
    flags.push_back("--tls_key=" + ca_dir + "/suite.key");
    testing::ServiceProcess intake("hotline-intake", flags);
    CHECK(Check(env.Dial("INTAKE_ADDR")).ok());
    tls::ClientTls client;
    client.ca = env.Value("TLS_CA");
    CHECK(Check(DialWith(intake.address(), client)).ok());
    CHECK(Check(DialWith(intake.address(), {})).error_code() == grpc::StatusCode::UNAVAILABLE);
  }
  SECTION("--allow_plaintext_listen serves plaintext, for a mesh's sidecar") {
    std::vector<std::string> flags = common;
    flags.push_back("--allow_plaintext_listen");
    testing::ServiceProcess intake("hotline-intake", flags);
    CHECK(Check(DialWith(intake.address(), {})).ok());
  }
}

TEST_CASE("files holding tokens, passwords and keys are readable by their owner only", "[tls]") {
  const std::string dir = SuiteDir();
  for (const std::string file : {"endpoints.env", "tokens.env", "keys/data.keys", "keys/redis.env",
                                 "redis/users.acl", "ca/ca.key", "ca/suite.key"}) {
    INFO(file);
    struct stat st {};
    REQUIRE(stat((dir + "/" + file).c_str(), &st) == 0);
    CHECK((st.st_mode & 0077) == 0);
  }
}

}  // namespace
}  // namespace hotline
