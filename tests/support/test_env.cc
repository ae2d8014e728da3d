#include "tests/support/test_env.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace hotline::testing {

const TestEnv& TestEnv::Get() {
  static const TestEnv* const env = [] {
    auto* e = new TestEnv();
    const char* path = std::getenv("HOTLINE_TEST_ENV");
    if (path == nullptr) FAIL("HOTLINE_TEST_ENV is not set: run this test through ctest");
    std::ifstream in(path);
    if (!in) FAIL("cannot read " << path << ": did the suite:up fixture run?");
    std::string line;
    while (std::getline(in, line)) {
      const auto eq = line.find('=');
      if (eq != std::string::npos) e->values_[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return e;
  }();
  return *env;
}

const std::string& TestEnv::Value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) FAIL("endpoints.env has no " << name);
  return it->second;
}

std::string BinaryPath(const std::string& name) {
  // Tests are built into build/bin beside every other executable.
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) FAIL("cannot find this test's own path: " << error.message());
  return (self.parent_path() / name).string();
}

std::string UniqueName(const std::string& prefix) {
  static absl::BitGen gen;
  return absl::StrCat(prefix, "_", getpid(), "_", absl::Uniform<uint32_t>(gen));
}

bool PollUntil(absl::Duration timeout, absl::FunctionRef<bool()> done, absl::Duration interval) {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    if (done()) return true;
    if (absl::Now() >= deadline) return false;
    absl::SleepFor(interval);
  }
}

}  // namespace hotline::testing
