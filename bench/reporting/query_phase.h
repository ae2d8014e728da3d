#pragma once

#include <map>
#include <string>

#include "absl/time/civil_time.h"
#include "bench/reporting/reporting_world.h"

namespace hotline::bench {

// Volumes of one prefecture: what both ways compute.
struct Volumes {
  int64_t received = 0, dispatched = 0, replied = 0;
  friend bool operator==(const Volumes& a, const Volumes& b) {
    return a.received == b.received && a.dispatched == b.dispatched && a.replied == b.replied;
  }
};

struct QueryResult {
  double p50_ms = 0, p99_ms = 0;                   // GetIndicators, province-year by prefecture
  double naive_p50_ms = 0;                         // the straightforward SQL, the same grouping
  std::map<std::string, Volumes> rollups;          // by prefecture, from GetIndicators
  std::map<std::string, Volumes> straightforward;  // by prefecture, from the SQL
};

// GetIndicators for `province` over [from, to] grouped by prefecture, `runs` times (every
// indicator of the catalogue), then the same volumes by the straightforward SQL over the ticket
// and event tables (`naive_runs` times): received, dispatched and replied per prefecture by event
// type. The rates need the events' payloads, which SQL cannot read, so the SQL computes less
// than GetIndicators does: the ratio is a lower bound.
QueryResult MeasureQueries(ReportingWorld& world, const std::string& province, absl::CivilDay from,
                           absl::CivilDay to, absl::TimeZone zone, int runs, int naive_runs);

}  // namespace hotline::bench
