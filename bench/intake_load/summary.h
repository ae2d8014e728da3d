#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"

namespace hotline::bench {

struct RoundFigures {
  double intake_rate = 0;  // tickets/s at peak (closed loop)
  double pgbench_tps = 0;
  double Ratio() const { return pgbench_tps > 0 ? intake_rate / pgbench_tps : 0; }
};

struct PacedFigures {
  double offered = 0;        // tickets/s
  bool half_of_peak = true;  // else given by --paced_rate: the p99 target is not judged
  double achieved = 0;
  int64_t failed = 0;
  double p50_ms = 0, p99_ms = 0, p999_ms = 0;  // of all the rounds' calls
  std::vector<double> round_p99_ms;            // each round's own
};

struct BenchFigures {
  int concurrency = 0;
  absl::Duration duration;
  std::string intake;   // what was measured
  std::string machine;  // what else on the machine shapes the figures (MemoryScanner)
  std::vector<RoundFigures> rounds;
  int64_t peak_failed = 0;
  double mean_write_batch = 0;  // 0 when intake's /metrics was not read
  PacedFigures paced;
};

// The median of the values (the mean of the middle two for an even count); 0 for none.
double Median(std::vector<double> values);
double MedianIntakeRate(const std::vector<RoundFigures>& rounds);
double MedianPgbenchTps(const std::vector<RoundFigures>& rounds);
// The smallest and largest per-round ratio; {0, 0} for none.
std::pair<double, double> RatioRange(const std::vector<RoundFigures>& rounds);

// The closing block: setup, medians, ratio, paced latency and PASS/MISS against the targets
// (intake peak ≥ 1.0× pgbench; p99 ≤ 10 ms at half of the peak, with no failed call).
void PrintSummary(const BenchFigures& figures);

}  // namespace hotline::bench
