#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace hotline::support {

struct ChildOptions {
  std::vector<std::string> argv;       // argv[0] is the program's path
  std::vector<std::string> extra_env;  // NAME=value, added to this process's environment
  std::string log_path;                // stdout and stderr appended here; "" keeps ours
  // Tests: a process group of its own, so a signal meant for the test run does not reach it.
  bool own_process_group = false;
  // Benchmarks: SIGTERM when the thread that started it exits, even by a signal that skips the
  // cleanups (Ctrl-C, a closed pipe). Start it on a thread that outlives it.
  bool die_with_starting_thread = false;
};

// A program started by a test or a benchmark (a service, a relay, a server), killed at the latest
// when the object goes. Its stdin is /dev/null.
class ChildProcess {
 public:
  // Fails only when the process cannot be forked; a program that cannot be executed exits 127.
  static absl::StatusOr<std::unique_ptr<ChildProcess>> Start(const ChildOptions& options);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  bool Running();
  // Sends `signal` and waits up to `timeout` for exit; returns the wait status (-1 on timeout).
  int Stop(int signal, absl::Duration timeout = absl::Seconds(20));

 private:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}

  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
};

}  // namespace hotline::support
