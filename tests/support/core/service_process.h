#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tests/support/core/child_process.h"

namespace hotline::support {

// How a service is tied to what started it.
enum class StartedBy {
  kTest,       // a process group of its own
  kBenchmark,  // dies with the thread that started it; a Fail() stops it among its cleanups
};

struct ServiceOptions {
  std::string binary;              // path of a hotline service
  std::vector<std::string> flags;  // after --grpc_port=0 --metrics_port=0 --ready_file=…
  std::string ready_file;
  std::string log_path;  // its stdout and stderr
  StartedBy started_by = StartedBy::kTest;
  absl::Duration start_timeout = absl::Seconds(30);
  // How long Stop() waits after SIGTERM before it sends SIGKILL.
  absl::Duration stop_grace = absl::Seconds(30);
};

// A hotline service binary started on free ports, waited for until its ready file (written
// atomically by the service) names them. Stopped at the latest when the object goes.
class ServiceProcess {
 public:
  // Fails when the binary is missing, exits during start-up or writes no ready file in time.
  static absl::StatusOr<std::unique_ptr<ServiceProcess>> Start(ServiceOptions options);
  ~ServiceProcess() { Stop(); }
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;

  std::string address() const { return "127.0.0.1:" + std::to_string(grpc_port_); }
  int grpc_port() const { return grpc_port_; }
  int metrics_port() const { return metrics_port_; }
  pid_t pid() const { return process_->pid(); }
  ChildProcess& process() { return *process_; }
  const std::string& log_path() const { return options_.log_path; }
  // SIGTERM, then SIGKILL after the grace period; idempotent.
  void Stop();

 private:
  ServiceProcess(ServiceOptions options, std::unique_ptr<ChildProcess> process)
      : options_(std::move(options)), process_(std::move(process)) {}
  absl::Status AwaitReady();

  ServiceOptions options_;
  std::unique_ptr<ChildProcess> process_;
  int grpc_port_ = 0;
  int metrics_port_ = 0;
  bool stopped_ = false;
  int fail_cleanup_id_ = 0;
};

}  // namespace hotline::support
