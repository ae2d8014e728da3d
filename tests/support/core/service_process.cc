#include "tests/support/core/service_process.h"

#include <signal.h>
#include <unistd.h>

#include <map>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tests/support/core/env_file.h"
#include "tests/support/core/fail.h"
#include "tests/support/core/poll.h"

namespace hotline::support {

absl::StatusOr<std::unique_ptr<ServiceProcess>> ServiceProcess::Start(ServiceOptions options) {
  if (access(options.binary.c_str(), X_OK) != 0) {
    return absl::NotFoundError(options.binary + " not found: build it first");
  }
  unlink(options.ready_file.c_str());  // a stale one would name the ports of an earlier run
  ChildOptions child;
  // Tests and benchmarks send bursts from one credential: no rate limits unless a flag of
  // their own (which comes later, and so wins) sets some.
  child.argv = {options.binary, "--grpc_port=0", "--metrics_port=0",
                "--ready_file=" + options.ready_file, "--rate_limits=off"};
  child.argv.insert(child.argv.end(), options.flags.begin(), options.flags.end());
  child.log_path = options.log_path;
  child.own_process_group = options.started_by == StartedBy::kTest;
  child.die_with_starting_thread = options.started_by == StartedBy::kBenchmark;
  absl::StatusOr<std::unique_ptr<ChildProcess>> process = ChildProcess::Start(child);
  if (!process.ok()) return process.status();
  std::unique_ptr<ServiceProcess> service(
      new ServiceProcess(std::move(options), *std::move(process)));
  if (service->options_.started_by == StartedBy::kBenchmark) {
    ServiceProcess* raw = service.get();
    service->fail_cleanup_id_ = AddCleanup([raw] { raw->Stop(); });
  }
  if (absl::Status ready = service->AwaitReady(); !ready.ok()) return ready;
  return service;
}

absl::Status ServiceProcess::AwaitReady() {
  const bool ready = PollUntil(options_.start_timeout, [&] {
    const std::map<std::string, std::string> ports = ReadEnvFile(options_.ready_file);
    auto port = [&](const char* name) {
      int value = 0;
      auto it = ports.find(name);
      return it != ports.end() && absl::SimpleAtoi(it->second, &value) ? value : 0;
    };
    grpc_port_ = port("GRPC_PORT");
    metrics_port_ = port("METRICS_PORT");
    return (grpc_port_ > 0 && metrics_port_ > 0) || !process_->Running();
  });
  if (grpc_port_ > 0 && metrics_port_ > 0) return absl::OkStatus();
  if (ready) {
    return absl::FailedPreconditionError(
        absl::StrCat(options_.binary, " exited during start-up; see ", options_.log_path));
  }
  return absl::DeadlineExceededError(
      absl::StrCat(options_.binary, " wrote no ready file; see ", options_.log_path));
}

void ServiceProcess::Stop() {
  if (stopped_) return;
  stopped_ = true;
  if (process_->Stop(SIGTERM, options_.stop_grace) == -1) {
    process_->Stop(SIGKILL, absl::Seconds(10));
  }
  if (fail_cleanup_id_ != 0) {
    const int id = fail_cleanup_id_;
    fail_cleanup_id_ = 0;
    RunCleanup(id);  // forgets the registration; its Stop() is then a no-op
  }
}

}  // namespace hotline::support
