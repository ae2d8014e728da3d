#include "tests/support/test_env.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "libs/tls/dial.h"
#include "tests/support/core/env_file.h"
#include "tests/support/core/proc_readers.h"

namespace hotline::testing {

const TestEnv& TestEnv::Get() {
  static const TestEnv* const env = [] {
    auto* e = new TestEnv();
    const char* path = std::getenv("HOTLINE_TEST_ENV");
    if (path == nullptr) FAIL("HOTLINE_TEST_ENV is not set: run this test through ctest");
    e->values_ = support::ReadEnvFile(path);
    if (e->values_.empty()) FAIL("cannot read " << path << ": did the suite:up fixture run?");
    return e;
  }();
  return *env;
}

const std::string& TestEnv::Value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) FAIL("endpoints.env has no " << name);
  return it->second;
}

std::shared_ptr<grpc::Channel> TestEnv::Dial(const std::string& addr_name) const {
  tls::ClientTls client;
  if (Has("TLS_CA")) client.ca = Value("TLS_CA");
  absl::StatusOr<std::shared_ptr<grpc::Channel>> channel = tls::Dial(Value(addr_name), client);
  if (!channel.ok()) FAIL(channel.status().message());
  return *channel;
}

std::string BinaryPath(const std::string& name) {
  // Tests are built into build/bin beside every other executable.
  absl::StatusOr<std::string> dir = support::OwnBinaryDir();
  if (!dir.ok()) FAIL(dir.status().message());
  return (std::filesystem::path(*dir) / name).string();
}

std::string UniqueName(const std::string& prefix) {
  static absl::BitGen gen;
  return absl::StrCat(prefix, "_", getpid(), "_", absl::Uniform<uint32_t>(gen));
}

}  // namespace hotline::testing
