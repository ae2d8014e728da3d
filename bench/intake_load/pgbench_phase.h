#pragma once

#include <string>

#include "absl/time/time.h"

namespace hotline::bench {

struct PgbenchResult {
  double tps = 0;     // 0 when pgbench failed
  std::string error;  // what pgbench said when it printed no TPS
};

// TPS of `pgbench` (-n, `clients` clients) running, for `length`, the transaction SubmitTicket
// must at least match: insert a ticket and its event in one transaction. Its rows are not
// tickets: they are deleted afterwards and both tables vacuumed, so every phase starts alike.
// `work_dir` holds the script.
PgbenchResult RunPgbench(const std::string& pgbench, const std::string& pg_url, int clients,
                         absl::Duration length, const std::string& work_dir);

}  // namespace hotline::bench
