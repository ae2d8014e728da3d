#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tests/support/core/service_process.h"

namespace hotline::testing {

// A service binary of build/bin started by the test itself (own flags, own database), on free
// ports, its ready file and log in a temporary folder. Fails the test, showing the log, when it
// does not become ready. Stopped with SIGTERM at the latest when the object goes.
class ServiceProcess {
 public:
  ServiceProcess(const std::string& binary, std::vector<std::string> flags);
  ~ServiceProcess();
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;

  std::string address() const { return service_->address(); }
  int grpc_port() const { return service_->grpc_port(); }
  int metrics_port() const { return service_->metrics_port(); }
  support::ChildProcess& process() { return service_->process(); }
  const std::string& log_path() const { return service_->log_path(); }

 private:
  std::string dir_;
  std::unique_ptr<support::ServiceProcess> service_;
};

// Runs a command, returns its stdout without the trailing newline; fails the test on non-zero exit.
std::string RunCommand(const std::string& command);

}  // namespace hotline::testing
