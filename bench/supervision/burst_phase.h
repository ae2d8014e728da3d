#pragma once

#include <cstdint>
#include <string>

#include "bench/supervision/bench_sql.h"
#include "bench/supervision/in_process.h"

namespace hotline::bench {

struct BurstResult {
  bool ran = false;
  int due = 0;
  int fired = 0;
  double seconds = 0;  // from the first pass to the last one that fired
  int64_t events = 0;
  int64_t advanced = 0;
  std::string error;  // what SweepOnce() returned when it failed; the phase is then a MISS
};

// Makes `due` handling clocks (one per ticket) due at once, then calls Sweeper::SweepOnce() in
// this process until it fires nothing; checks one supervision.deadline_step event per clock and
// every clock rescheduled to its next rung, then times idle passes over the dead index entries.
BurstResult RunBurst(InProcess& p, Sql& sql, int batch, int due);

}  // namespace hotline::bench
