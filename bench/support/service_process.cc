#include "bench/support/service_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "bench/support/bench_util.h"

namespace hotline::bench {
namespace {

// The ports of a complete ready file (written atomically by the service); 0 when not there.
void ReadyPorts(const std::string& ready_file, int& grpc, int& metrics) {
  std::ifstream in(ready_file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("GRPC_PORT=", 0) == 0) grpc = std::atoi(line.c_str() + 10);
    if (line.rfind("METRICS_PORT=", 0) == 0) metrics = std::atoi(line.c_str() + 13);
  }
}

bool WaitExit(pid_t pid, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    if (waitpid(pid, nullptr, WNOHANG) == pid) return true;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return false;
}

}  // namespace

ServiceProcess::ServiceProcess(const std::string& binary, std::vector<std::string> args,
                               const std::string& ready_file, const std::string& log_path,
                               absl::Duration timeout) {
  if (access(binary.c_str(), X_OK) != 0) Fail(binary + " not found: build it first");
  unlink(ready_file.c_str());
  args.insert(args.begin(), binary);
  args.push_back("--ready_file=" + ready_file);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t parent = getpid();
  pid_ = fork();
  if (pid_ < 0) Fail("fork failed");
  if (pid_ == 0) {
    // SIGTERM when the bench dies, even by a signal (Ctrl-C, a closed pipe) that skips its
    // cleanups. It fires when the forking thread exits: see the class comment.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(127);  // the bench was already gone
    const int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    const int null = open("/dev/null", O_RDONLY);
    if (log >= 0) {
      dup2(log, 1);
      dup2(log, 2);
    }
    if (null >= 0) dup2(null, 0);
    execv(argv[0], argv.data());
    _exit(127);
  }
  cleanup_id_ = AddCleanup([this] { Stop(); });
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    ReadyPorts(ready_file, grpc_port_, metrics_port_);
    if (grpc_port_ != 0 && metrics_port_ != 0) break;
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
      pid_ = -1;
      Fail(absl::StrCat(binary, " exited during start-up; see ", log_path));
    }
    if (absl::Now() > deadline) Fail(absl::StrCat(binary, " wrote no ready file; see ", log_path));
    absl::SleepFor(absl::Milliseconds(50));
  }
}

void ServiceProcess::Stop() {
  if (pid_ <= 0) return;
  const pid_t pid = pid_;
  pid_ = -1;
  kill(pid, SIGTERM);
  if (!WaitExit(pid, absl::Seconds(30))) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
  if (cleanup_id_ != 0) {
    const int id = cleanup_id_;
    cleanup_id_ = 0;
    RunCleanup(id);  // removes the registration; Stop() again is a no-op
  }
}

}  // namespace hotline::bench
