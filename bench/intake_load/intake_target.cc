#include "bench/intake_load/intake_target.h"

#include <stdlib.h>
#include <unistd.h>

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "tests/support/core/fail.h"
#include "tests/support/core/service_process.h"

namespace hotline::bench {
using support::Fail;
using support::ValueOrFail;

namespace {

constexpr const char* kUpHint = "run deploy/local/suite up --fresh --no-services";

const std::string& Required(const std::map<std::string, std::string>& env, const char* name,
                            const char* hint) {
  auto it = env.find(name);
  if (it == env.end() || it->second.empty()) {
    Fail(absl::StrCat("no ", name, " in the env file: ", hint));
  }
  return it->second;
}

// The port of INTAKE_METRICS=http://127.0.0.1:<port>/metrics; 0 when there is none.
int MetricsPort(absl::string_view url) {
  const size_t colon = url.rfind(':');
  if (colon == absl::string_view::npos) return 0;
  absl::string_view digits = url.substr(colon + 1);
  digits = digits.substr(0, digits.find('/'));
  int port = 0;
  return absl::SimpleAtoi(digits, &port) ? port : 0;
}

}  // namespace

IntakeTarget StartPrivateIntake(const std::string& binary, const std::string& extra_args,
                                const std::map<std::string, std::string>& env,
                                const std::string& work_dir) {
  // The service reads these from its environment, as the suite starts it; fork() passes them on.
  setenv("HOTLINE_PG_URL", Required(env, "PG_URL", kUpHint).c_str(), 1);
  setenv("HOTLINE_REDIS_URL", Required(env, "REDIS_URL", kUpHint).c_str(), 1);
  setenv("HOTLINE_INSTANCE_ID", Required(env, "INSTANCE_ID", kUpHint).c_str(), 1);
  setenv("HOTLINE_DATA_KEYS", Required(env, "DATA_KEYS", kUpHint).c_str(), 1);
  IntakeTarget target;
  target.stream_prefix = absl::StrCat("bench:intake_load:", getpid());
  std::vector<std::string> args = {"--log_level=warning",
                                   "--stream_prefix=" + target.stream_prefix};
  for (absl::string_view arg : absl::StrSplit(extra_args, ' ', absl::SkipEmpty())) {
    args.emplace_back(arg);
  }
  target.description = absl::StrCat("private ", binary, extra_args.empty() ? "" : " ", extra_args);
  target.process = ValueOrFail(support::ServiceProcess::Start(
      {binary, args, work_dir + "/hotline-intake.ready", work_dir + "/hotline-intake.log",
       support::StartedBy::kBenchmark, absl::Minutes(1)}));
  target.address = target.process->address();
  target.metrics_port = target.process->metrics_port();
  return target;
}

IntakeTarget SuiteIntake(const std::map<std::string, std::string>& env) {
  IntakeTarget target;
  target.address = Required(env, "INTAKE_ADDR",
                            "--use_suite_intake needs a suite started with its services "
                            "(deploy/local/suite up, without --no-services)");
  if (auto ca = env.find("TLS_CA"); ca != env.end()) target.tls.ca = ca->second;
  auto metrics = env.find("INTAKE_METRICS");
  if (metrics != env.end()) target.metrics_port = MetricsPort(metrics->second);
  target.description = "the suite's hotline-intake (INTAKE_ADDR)";
  return target;
}

}  // namespace hotline::bench
