#include "tests/support/core/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "tests/support/core/poll.h"

extern char** environ;

namespace hotline::support {
namespace {

// In the child, between fork() and exec(): only async-signal-safe calls.
[[noreturn]] void Exec(const ChildOptions& options, pid_t parent, char* const* argv,
                       char* const* env) {
  if (options.die_with_starting_thread) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(127);  // the parent was already gone
  }
  if (!options.log_path.empty()) {
    const int log = open(options.log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (log >= 0) {
      dup2(log, STDOUT_FILENO);
      dup2(log, STDERR_FILENO);
      close(log);
    }
  }
  const int null = open("/dev/null", O_RDONLY);
  if (null >= 0) dup2(null, STDIN_FILENO);
  if (options.own_process_group) setpgid(0, 0);
  execve(argv[0], argv, env);
  _exit(127);
}

}  // namespace

absl::StatusOr<std::unique_ptr<ChildProcess>> ChildProcess::Start(const ChildOptions& options) {
  if (options.argv.empty()) return absl::InvalidArgumentError("no program to start");
  std::vector<std::string> arg_strings = options.argv;
  std::vector<char*> argv;
  for (std::string& a : arg_strings) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
  env_strings.insert(env_strings.end(), options.extra_env.begin(), options.extra_env.end());
  std::vector<char*> env;
  for (std::string& e : env_strings) env.push_back(e.data());
  env.push_back(nullptr);

  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    return absl::ResourceExhaustedError(
        absl::StrCat("cannot fork for ", options.argv[0], ": ", std::strerror(errno)));
  }
  if (pid == 0) Exec(options, parent, argv.data(), env.data());
  return std::unique_ptr<ChildProcess>(new ChildProcess(pid));
}

bool ChildProcess::Running() {
  if (reaped_) return false;
  if (waitpid(pid_, &status_, WNOHANG) == pid_) reaped_ = true;
  return !reaped_;
}

int ChildProcess::Stop(int signal, absl::Duration timeout) {
  if (!Running()) return status_;
  kill(pid_, signal);
  if (!PollUntil(timeout, [&] { return !Running(); })) return -1;
  return status_;
}

ChildProcess::~ChildProcess() {
  if (Running()) Stop(SIGKILL, absl::Seconds(10));
}

}  // namespace hotline::support
