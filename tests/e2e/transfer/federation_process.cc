#include "tests/e2e/transfer/federation_process.h"

#include <signal.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/support/core/child_process.h"
#include "tests/support/core/env_file.h"
#include "tests/support/core/poll.h"

namespace hotline::transfer::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> NulSeparated(const std::string& text) {
  std::vector<std::string> out;
  for (absl::string_view part : absl::StrSplit(text, '\0', absl::SkipEmpty())) {
    out.emplace_back(part);
  }
  return out;
}

}  // namespace

absl::StatusOr<FederationService> FederationService::Of(const std::string& dir,
                                                        const std::string& code,
                                                        const std::string& binary) {
  FederationService s;
  s.run_dir_ = absl::StrCat(dir, "/", code, "/run/");
  s.binary_ = binary;
  s.log_ = absl::StrCat(dir, "/", code, "/logs/", binary, ".log");
  std::string pid_text = ReadFile(s.run_dir_ + binary + ".pid");
  absl::StripAsciiWhitespace(&pid_text);
  if (!absl::SimpleAtoi(pid_text, &s.pid_) || s.pid_ <= 0) {
    return absl::NotFoundError(absl::StrCat("no pid file for ", binary, " of instance ", code));
  }
  s.argv_ = NulSeparated(ReadFile(absl::StrCat("/proc/", s.pid_, "/cmdline")));
  s.env_ = NulSeparated(ReadFile(absl::StrCat("/proc/", s.pid_, "/environ")));
  if (s.argv_.empty()) {
    return absl::NotFoundError(absl::StrCat(binary, " of instance ", code, " is not running"));
  }
  const auto ready = support::ReadEnvFile(s.run_dir_ + binary + ".ready");
  for (std::string& a : s.argv_) {
    // The ports it listened on, not "any free port" again.
    if (a == "--grpc_port=0" && ready.count("GRPC_PORT"))
      a = "--grpc_port=" + ready.at("GRPC_PORT");
    if (a == "--metrics_port=0" && ready.count("METRICS_PORT")) {
      a = "--metrics_port=" + ready.at("METRICS_PORT");
    }
  }
  return s;
}

absl::Status FederationService::Stop(absl::Duration timeout) {
  if (kill(pid_, SIGTERM) != 0) return absl::FailedPreconditionError("the service is not running");
  if (!support::PollUntil(timeout, [&] { return kill(pid_, 0) != 0; })) {
    return absl::DeadlineExceededError(absl::StrCat(binary_, " did not exit after SIGTERM"));
  }
  return absl::OkStatus();
}

absl::Status FederationService::Start(absl::Duration timeout) {
  const std::string ready = run_dir_ + binary_ + ".ready";
  std::remove(ready.c_str());
  support::ChildOptions options;
  options.argv = argv_;
  options.extra_env = env_;
  options.log_path = log_;
  options.own_process_group = true;
  absl::StatusOr<std::unique_ptr<support::ChildProcess>> child =
      support::ChildProcess::Start(options);
  if (!child.ok()) return child.status();
  pid_ = (*child)->pid();
  (*child).release();  // not killed with this object: it belongs to the federation again
  std::ofstream(run_dir_ + binary_ + ".pid") << pid_ << "\n";
  if (!support::PollUntil(timeout, [&] { return !ReadFile(ready).empty(); })) {
    return absl::DeadlineExceededError(absl::StrCat(binary_, " wrote no ready file"));
  }
  return absl::OkStatus();
}

}  // namespace hotline::transfer::testing
