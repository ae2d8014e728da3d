#pragma once

#include <map>
#include <memory>
#include <string>

#include "libs/tls/dial.h"
#include "tests/support/core/service_process.h"

namespace hotline::bench {

// The hotline-intake the bench loads.
struct IntakeTarget {
  std::string address;
  tls::ClientTls tls;         // the suite's CA when the suite serves TLS; plaintext otherwise
  int metrics_port = 0;       // 0 when unknown
  std::string description;    // for the report
  std::string stream_prefix;  // the private intake's own streams; empty otherwise
  std::unique_ptr<support::ServiceProcess> process;  // set when the bench started it
};

// A private hotline-intake on the suite's PostgreSQL and Redis (PG_URL, REDIS_URL, INSTANCE_ID of
// `env`), with any free ports, streams of its own (nobody consumes them; see DropStreams),
// `extra_args` (space-separated) after the bench's own flags, its log in `work_dir`. Fail()s when
// it does not start.
IntakeTarget StartPrivateIntake(const std::string& binary, const std::string& extra_args,
                                const std::map<std::string, std::string>& env,
                                const std::string& work_dir);

// The suite's own hotline-intake: INTAKE_ADDR and INTAKE_METRICS of `env`. Fail()s without them.
IntakeTarget SuiteIntake(const std::map<std::string, std::string>& env);

}  // namespace hotline::bench
