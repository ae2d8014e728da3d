#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/time/time.h"

namespace hotline::bench {

// A hotline service binary the benchmark starts for itself (--grpc_port=0 --metrics_port=0
// --ready_file=…), its output in `log_path`. Stopped with SIGTERM when destroyed, and when the
// thread that constructed it exits (PR_SET_PDEATHSIG): construct it on a thread that outlives it.
class ServiceProcess {
 public:
  // Fail()s when the binary exits or writes no ready file within `timeout`.
  ServiceProcess(const std::string& binary, std::vector<std::string> args,
                 const std::string& ready_file, const std::string& log_path,
                 absl::Duration timeout);
  ~ServiceProcess() { Stop(); }
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;

  std::string address() const { return "127.0.0.1:" + std::to_string(grpc_port_); }
  pid_t pid() const { return pid_; }
  int grpc_port() const { return grpc_port_; }
  int metrics_port() const { return metrics_port_; }
  // SIGTERM, then SIGKILL after 30 s; idempotent.
  void Stop();

 private:
  pid_t pid_ = -1;
  int grpc_port_ = 0;
  int metrics_port_ = 0;
  int cleanup_id_ = 0;
};

}  // namespace hotline::bench
