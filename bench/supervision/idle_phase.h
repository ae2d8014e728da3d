#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "bench/supervision/bench_sql.h"
#include "bench/supervision/in_process.h"
#include "services/supervision/app/sweeper.h"

namespace hotline::bench {

struct PassTimes {
  double p50 = 0, p99 = 0, max = 0, mean = 0;  // ms
};

// Times `passes` calls of sweeper.SweepOnce() that must fire nothing; the first failing pass
// (or one that fires) is the error.
absl::StatusOr<PassTimes> IdlePasses(supervision::Sweeper& sweeper, int passes);

struct IdleResult {
  bool ran = false;
  PassTimes times;
  std::string error;  // what SweepOnce() returned when it failed; the phase is then a MISS
};

// Sweeper::SweepOnce() in this process with nothing due among the loaded clocks, after 20 warm
// passes; then EXPLAIN (ANALYZE, BUFFERS) of the claim query.
IdleResult RunIdle(InProcess& p, Sql& sql, int batch, int passes);

}  // namespace hotline::bench
