#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/time/time.h"

namespace hotline::testing {

// A program the test starts (a service, a relay, a server), killed at the latest when the
// object goes. Output goes to `log_path` when given, so failures can be diagnosed.
class ChildProcess {
 public:
  ChildProcess(std::vector<std::string> argv, std::vector<std::string> extra_env = {},
               std::string log_path = "");
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool Running();
  // Sends `signal` and waits up to `timeout` for exit; returns the exit status (-1 on timeout).
  int Stop(int signal, absl::Duration timeout = absl::Seconds(20));

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
};

// Reads NAME=value lines of a file (a service's ready file); empty map when absent.
std::vector<std::pair<std::string, std::string>> ReadEnvFile(const std::string& path);

}  // namespace hotline::testing
