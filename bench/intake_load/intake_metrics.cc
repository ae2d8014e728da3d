#include "bench/intake_load/intake_metrics.h"

#include <limits>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "bench/support/bench_util.h"

namespace hotline::bench {
namespace {

// Adds the sample `name value` to `histogram` when `name` is one of its buckets.
void ReadBucket(absl::string_view family, absl::string_view name, double value,
                SecondsHistogram& histogram) {
  const std::string prefix = std::string(family) + "_bucket{le=\"";
  if (!absl::StartsWith(name, prefix) || !absl::EndsWith(name, "\"}")) return;
  const absl::string_view le = name.substr(prefix.size(), name.size() - prefix.size() - 2);
  double bound = std::numeric_limits<double>::infinity();
  if (le != "+Inf" && !absl::SimpleAtod(le, &bound)) return;
  histogram.buckets.emplace_back(bound, value);
}

}  // namespace

SecondsHistogram SecondsHistogram::operator-(const SecondsHistogram& before) const {
  SecondsHistogram difference = *this;
  if (before.buckets.size() != buckets.size()) return difference;
  for (size_t i = 0; i < buckets.size(); ++i) {
    difference.buckets[i].second -= before.buckets[i].second;
  }
  return difference;
}

double SecondsHistogram::QuantileBoundMs(double q) const {
  if (buckets.empty() || buckets.back().second <= 0) return 0;
  const double wanted = q * buckets.back().second;
  for (const auto& [le, cumulative] : buckets) {
    if (cumulative >= wanted) return le * 1000;
  }
  return std::numeric_limits<double>::infinity();
}

IntakeMetrics ScrapeIntakeMetrics(int port) {
  IntakeMetrics totals;
  if (port <= 0) return totals;
  const std::string body = HttpGet(port, "/metrics");
  for (absl::string_view line : absl::StrSplit(body, '\n')) {
    const size_t space = line.rfind(' ');
    if (line.empty() || line[0] == '#' || space == absl::string_view::npos) continue;
    const absl::string_view name = line.substr(0, space);
    double value = 0;
    if (!absl::SimpleAtod(line.substr(space + 1), &value)) continue;
    if (name == "hotline_intake_write_batch_size_sum") {
      totals.batches.sum = value;
    } else if (name == "hotline_intake_write_batch_size_count") {
      totals.batches.count = value;
    }
    ReadBucket("hotline_intake_submit_queue_seconds", name, value, totals.queue_wait);
    ReadBucket("hotline_intake_write_seconds", name, value, totals.write);
  }
  return totals;
}

}  // namespace hotline::bench
