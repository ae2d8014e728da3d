#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tests/support/child_process.h"

namespace hotline::testing {

// A service binary started by the test itself (own flags, own database), on free ports, waited
// for until its ready file appears. Stopped with SIGTERM at the latest when the object goes.
class ServiceProcess {
 public:
  ServiceProcess(const std::string& binary, std::vector<std::string> flags);
  ~ServiceProcess();

  std::string address() const { return "127.0.0.1:" + std::to_string(grpc_port_); }
  int grpc_port() const { return grpc_port_; }
  int metrics_port() const { return metrics_port_; }
  ChildProcess& process() { return *process_; }
  const std::string& log_path() const { return log_path_; }

 private:
  std::string dir_;
  std::string log_path_;
  std::unique_ptr<ChildProcess> process_;
  int grpc_port_ = 0;
  int metrics_port_ = 0;
};

// Runs a command, returns its stdout without the trailing newline; fails the test on non-zero exit.
std::string RunCommand(const std::string& command);

}  // namespace hotline::testing
