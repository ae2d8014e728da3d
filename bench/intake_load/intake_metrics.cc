#include "bench/intake_load/intake_metrics.h"

#include <limits>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"
#include "tests/support/core/metrics_text.h"

namespace hotline::bench {
using support::BucketBound;
using support::ScrapeMetrics;

namespace {

// Adds the sample to `histogram` when `series` is one of the buckets of `family`.
void ReadBucket(absl::string_view family, absl::string_view series, double value,
                SecondsHistogram& histogram) {
  const std::string le = BucketBound(series, family);
  double bound = std::numeric_limits<double>::infinity();
  if (le.empty() || (le != "+Inf" && !absl::SimpleAtod(le, &bound))) return;
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
  for (const auto& [series, value] : ScrapeMetrics(port)) {
    if (series == "hotline_intake_write_batch_size_sum") {
      totals.batches.sum = value;
    } else if (series == "hotline_intake_write_batch_size_count") {
      totals.batches.count = value;
    }
    ReadBucket("hotline_intake_submit_queue_seconds", series, value, totals.queue_wait);
    ReadBucket("hotline_intake_write_seconds", series, value, totals.write);
  }
  return totals;
}

}  // namespace hotline::bench
