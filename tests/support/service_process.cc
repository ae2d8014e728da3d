#include "tests/support/service_process.h"

#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "tests/support/test_env.h"

namespace hotline::testing {

ServiceProcess::ServiceProcess(const std::string& binary, std::vector<std::string> flags) {
  char tmpl[] = "/tmp/hotline-svc-XXXXXX";
  REQUIRE(mkdtemp(tmpl) != nullptr);
  dir_ = tmpl;
  log_path_ = dir_ + "/service.log";
  const std::string ready = dir_ + "/ready";
  std::vector<std::string> argv = {BinaryPath(binary), "--grpc_port=0", "--metrics_port=0",
                                   "--ready_file=" + ready};
  argv.insert(argv.end(), flags.begin(), flags.end());
  process_ = std::make_unique<ChildProcess>(argv, std::vector<std::string>{}, log_path_);
  const bool ready_seen = PollUntil(
      absl::Seconds(30), [&] { return !process_->Running() || std::filesystem::exists(ready); });
  if (!ready_seen || !process_->Running()) {
    std::ifstream log(log_path_);
    std::string text((std::istreambuf_iterator<char>(log)), {});
    FAIL(binary << " did not become ready; its log:\n" << text);
  }
  for (const auto& [key, value] : ReadEnvFile(ready)) {
    if (key == "GRPC_PORT") grpc_port_ = std::stoi(value);
    if (key == "METRICS_PORT") metrics_port_ = std::stoi(value);
  }
  REQUIRE(grpc_port_ > 0);
  REQUIRE(metrics_port_ > 0);
}

ServiceProcess::~ServiceProcess() {
  process_->Stop(SIGTERM);
  process_.reset();
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
