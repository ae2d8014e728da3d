#include "bench/intake_load/summary.h"

#include <algorithm>
#include <cstdio>

namespace hotline::bench {
namespace {

constexpr double kTargetRatio = 1.0;
constexpr double kTargetP99Ms = 10;

const char* Verdict(bool met) { return met ? "PASS" : "MISS"; }

}  // namespace

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

double MedianIntakeRate(const std::vector<RoundFigures>& rounds) {
  std::vector<double> v;
  for (const RoundFigures& r : rounds) v.push_back(r.intake_rate);
  return Median(v);
}

double MedianPgbenchTps(const std::vector<RoundFigures>& rounds) {
  std::vector<double> v;
  for (const RoundFigures& r : rounds) v.push_back(r.pgbench_tps);
  return Median(v);
}

std::pair<double, double> RatioRange(const std::vector<RoundFigures>& rounds) {
  if (rounds.empty()) return {0, 0};
  std::pair<double, double> range(rounds[0].Ratio(), rounds[0].Ratio());
  for (const RoundFigures& r : rounds) {
    range.first = std::min(range.first, r.Ratio());
    range.second = std::max(range.second, r.Ratio());
  }
  return range;
}

void PrintSummary(const BenchFigures& f) {
  const double intake = MedianIntakeRate(f.rounds), pgbench = MedianPgbenchTps(f.rounds);
  const double ratio = pgbench > 0 ? intake / pgbench : 0;
  const auto [low, high] = RatioRange(f.rounds);
  const PacedFigures& p = f.paced;
  std::printf("\n== bench_intake_load summary ==\n");
  std::printf("intake         %s\n", f.intake.c_str());
  if (!f.machine.empty()) std::printf("machine        %s\n", f.machine.c_str());
  std::printf("concurrency    %d clients (pgbench: %d clients)\n", f.concurrency, f.concurrency);
  if (!f.rounds.empty()) {
    std::printf("rounds         %zu x {intake peak, pgbench}, %s each\n", f.rounds.size(),
                absl::FormatDuration(f.duration).c_str());
    std::printf("intake peak    %.0f tickets/s (median)%s\n", intake,
                f.peak_failed > 0 ? "  WARNING: some calls failed" : "");
    std::printf("pgbench        %.0f TPS (median)\n", pgbench);
    std::printf("ratio          %.2fx (of medians; rounds %.2fx..%.2fx)   target >= %.1fx  %s\n",
                ratio, low, high, kTargetRatio, Verdict(pgbench > 0 && ratio >= kTargetRatio));
    if (f.mean_write_batch > 0) {
      std::printf("write batch    %.1f submissions per transaction (mean over the peak phases)\n",
                  f.mean_write_batch);
    }
  }
  std::printf("paced          %.0f tickets/s offered (%s), %.0f answered, %lld failed\n", p.offered,
              p.half_of_peak ? "half the median peak" : "--paced_rate", p.achieved,
              static_cast<long long>(p.failed));
  if (p.round_p99_ms.size() > 1) {
    const auto [low, high] = std::minmax_element(p.round_p99_ms.begin(), p.round_p99_ms.end());
    std::printf("               %zu rounds of %s; each round's p99 %.2f..%.2f ms\n",
                p.round_p99_ms.size(), absl::FormatDuration(f.duration).c_str(), *low, *high);
  }
  std::printf("latency        p50 %.2f ms  p99 %.2f ms  p99.9 %.2f ms", p.p50_ms, p.p99_ms,
              p.p999_ms);
  // The target is p99 at half of the measured peak: a rate given by hand is not judged.
  if (p.half_of_peak) {
    std::printf("   target p99 <= %.0f ms  %s", kTargetP99Ms,
                Verdict(p.failed == 0 && p.achieved > 0 && p.p99_ms <= kTargetP99Ms));
  }
  std::printf("\n");
}

}  // namespace hotline::bench
