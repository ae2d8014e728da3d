#include "tests/e2e/transfer/federation_support.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <pqxx/pqxx>

#include "tests/support/core/env_file.h"
#include "tests/support/service_process.h"
#include "tests/support/test_env.h"

namespace hotline::transfer::testing {

std::string FederationDir() {
  const char* dir = std::getenv("HOTLINE_TEST_FEDERATION");
  if (dir == nullptr) FAIL("HOTLINE_TEST_FEDERATION is not set");
  return dir;
}

std::map<std::string, std::string> Endpoints(const std::string& code) {
  auto env = support::ReadEnvFile(FederationDir() + "/" + code + "/endpoints.env");
  if (env.empty()) FAIL("no endpoints.env for instance " + code);
  return env;
}

std::unique_ptr<grpc::ClientContext> As(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  context->AddMetadata("authorization", "Bearer " + token);
  return context;
}

std::string Query(const std::string& pg_url, const std::string& sql, const std::string& param) {
  try {
    pqxx::connection conn(pg_url);
    pqxx::work tx(conn);
    const pqxx::result r = tx.exec_params(sql, param);
    return r.empty() || r[0][0].is_null() ? "" : r[0][0].c_str();
  } catch (const std::exception&) {
    return "";
  }
}

std::string MakeToken(const std::string& pg_url, const std::string& role,
                      const std::string& jurisdiction, const std::string& name) {
  const std::string token = hotline::testing::RunCommand(
      hotline::testing::BinaryPath("hotline-admin") + " token create --pg_url=" + pg_url +
      " --role=" + role + " --jurisdiction=" + jurisdiction + " --name=" + name);
  REQUIRE_FALSE(token.empty());
  return token;
}

std::string WaitReceived(const std::string& pg_url, const std::string& origin_number) {
  std::string received;
  REQUIRE(hotline::testing::PollUntil(absl::Seconds(60), [&] {
    received = Query(pg_url, kReceivedSql, origin_number);
    return !received.empty();
  }));
  return received;
}

}  // namespace hotline::transfer::testing
