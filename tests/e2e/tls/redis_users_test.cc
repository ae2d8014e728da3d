// Each service of the suite reaches Redis as its own ACL user, allowed stream commands on its
// instance's keys and nothing else; the default user is off; with --tls Redis speaks TLS only.
#include <catch2/catch.hpp>
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/events/redis_connection.h"
#include "tests/support/core/env_file.h"
#include "tests/support/test_env.h"

namespace hotline {
namespace {

using events::RedisConnection;
using testing::TestEnv;

// The suite's admin URL as another user (redis[s]://user:password@host:port[?cacert=…]), or as
// nobody when `user` is empty.
std::string UrlAs(const std::string& user, const std::string& password) {
  const std::string& admin = TestEnv::Get().RedisUrl();
  const size_t scheme_end = admin.find("://") + 3;
  const std::string rest = admin.substr(admin.rfind('@') + 1);
  if (user.empty()) return admin.substr(0, scheme_end) + rest;
  return absl::StrCat(admin.substr(0, scheme_end), user, ":", password, "@", rest);
}

std::string ServiceUrl(const std::string& service, const std::string& password) {
  return UrlAs("hotline-53-" + service, password);
}

std::string PasswordOf(const std::string& service) {
  const std::string secrets =
      (std::filesystem::path(std::getenv("HOTLINE_TEST_ENV")).parent_path() / "keys/redis.env")
          .string();
  auto values = support::ReadEnvFile(secrets);
  const std::string key = "REDIS_PASSWORD_" + service;
  REQUIRE(values.count(key) == 1);
  return values[key];
}

TEST_CASE("the suite's Redis speaks TLS only, verified against the suite's CA", "[tls][redis]") {
  const std::string& admin = TestEnv::Get().RedisUrl();
  REQUIRE(admin.rfind("rediss://", 0) == 0);
  auto over_tls = RedisConnection::Connect(admin, absl::Seconds(5));
  REQUIRE(over_tls.ok());
  CHECK((*over_tls)->Command({"PING"}).ok());
  // The same port in plaintext: the server hangs up on what is no TLS handshake.
  std::string plain = "redis" + admin.substr(6, admin.find('?') - 6);
  auto plaintext = RedisConnection::Connect(plain, absl::Seconds(2));
  CHECK_FALSE(plaintext.ok());
  // A rediss:// URL must say which CA to trust.
  CHECK(RedisConnection::Connect(admin.substr(0, admin.find('?')), absl::Seconds(2))
            .status()
            .code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("each service is a Redis user of its own, with stream commands on its keys only",
          "[tls][redis]") {
  auto admin = RedisConnection::Connect(TestEnv::Get().RedisUrl(), absl::Seconds(5));
  REQUIRE(admin.ok());
  // The running services are connected, each as its own user.
  absl::StatusOr<events::RedisValue> clients = (*admin)->Command({"CLIENT", "LIST"});
  REQUIRE(clients.ok());
  for (const char* service : {"intake", "routing", "supervision", "transfer", "reporting"}) {
    INFO(service);
    CHECK(absl::StrContains(clients->str, absl::StrCat(" user=hotline-53-", service, " ")));
  }
  CHECK_FALSE(absl::StrContains(clients->str, " user=default "));

  auto intake =
      RedisConnection::Connect(ServiceUrl("intake", PasswordOf("intake")), absl::Seconds(5));
  REQUIRE(intake.ok());
  CHECK((*intake)->Command({"XLEN", "hotline:events:{0}"}).ok());
  // Anything else is refused by Redis: keys of another prefix, key listings, administration.
  for (const events::RedisArgv& forbidden :
       std::vector<events::RedisArgv>{{"XLEN", "hotline:5303:events:{0}"},
                                      {"SET", "hotline:events:x", "1"},
                                      {"KEYS", "*"},
                                      {"FLUSHALL"},
                                      {"CONFIG", "GET", "requirepass"}}) {
    INFO(forbidden[0]);
    absl::StatusOr<events::RedisValue> reply = (*intake)->Command(forbidden);
    REQUIRE_FALSE(reply.ok());
    CHECK_THAT(std::string(reply.status().message()), Catch::Contains("NOPERM"));
  }

  // Wrong credentials and the default user are refused, without naming the password.
  auto wrong = RedisConnection::Connect(ServiceUrl("intake", "not-the-password"), absl::Seconds(5));
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.status().code() == absl::StatusCode::kPermissionDenied);
  CHECK_FALSE(absl::StrContains(wrong.status().message(), "not-the-password"));
  auto anonymous = RedisConnection::Connect(UrlAs("", ""), absl::Seconds(5));
  REQUIRE(anonymous.ok());
  CHECK_FALSE((*anonymous)->Command({"PING"}).ok());
}

}  // namespace
}  // namespace hotline
