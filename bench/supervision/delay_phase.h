#pragma once

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "bench/supervision/bench_sql.h"

namespace hotline::bench {

struct DelayOptions {
  std::string pg_url;         // the scratch database
  std::string redis_url;      // the suite's
  std::string data_keys;      // the suite's keyring file
  std::string stream_prefix;  // the scratch database's name: its keys are deleted at the end
  std::string bin_dir;        // hotline-supervision
  std::string work_dir;       // its ready file and log
  int batch = 1000;
  int clocks = 30000;  // rungs made due
  absl::Duration span = absl::Seconds(60);
  absl::Duration sweep_every = absl::Milliseconds(200);
};

struct DelayResult {
  bool ran = false;
  int planned = 0;
  int64_t fired = 0;
  double p50 = 0, p90 = 0, p99 = 0, max = 0, min = 0;  // s
  int64_t rss_start = 0, rss_peak = 0, hwm = 0;
  int sweep_failures = 0;  // "deadline sweep failed" lines in the service's log
  std::string error;       // the first of them
};

// Starts the real hotline-supervision on the scratch database, makes options.clocks handling
// clocks' warnings fall due evenly over options.span, and measures fire delay (the event's
// occurred_at − the rung's due time), the service's /metrics histogram, its RSS and CPU.
DelayResult RunDelay(Sql& sql, const DelayOptions& options);

}  // namespace hotline::bench
