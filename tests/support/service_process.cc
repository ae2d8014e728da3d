#include "tests/support/service_process.h"

#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "tests/support/test_env.h"

namespace hotline::testing {

ServiceProcess::ServiceProcess(const std::string& binary, std::vector<std::string> flags) {
  char tmpl[] = "/tmp/hotline-svc-XXXXXX";
  REQUIRE(mkdtemp(tmpl) != nullptr);
  dir_ = tmpl;
  support::ServiceOptions options;
  options.binary = BinaryPath(binary);
  options.flags = std::move(flags);
  // Every service seals personal data; tests share the suite's keys, so what one test's service
  // wrote another's reads.
  const bool has_keys =
      std::any_of(options.flags.begin(), options.flags.end(),
                  [](const std::string& f) { return f.rfind("--data_keys", 0) == 0; });
  if (!has_keys) options.flags.push_back("--data_keys=" + TestEnv::Get().DataKeys());
  options.ready_file = dir_ + "/ready";
  options.log_path = dir_ + "/service.log";
  options.started_by = support::StartedBy::kTest;
  options.stop_grace = absl::Seconds(20);
  absl::StatusOr<std::unique_ptr<support::ServiceProcess>> started =
      support::ServiceProcess::Start(options);
  if (!started.ok()) {
    std::ifstream log(options.log_path);
    std::string text((std::istreambuf_iterator<char>(log)), {});
    FAIL(binary << " did not become ready (" << started.status().message() << "); its log:\n"
                << text);
  }
  service_ = *std::move(started);
}

ServiceProcess::~ServiceProcess() {
  service_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string RunCommand(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) out.append(buf, n);
  const int status = pclose(pipe);
  INFO(command);
  REQUIRE(status == 0);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

}  // namespace hotline::testing
