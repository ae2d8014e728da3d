#include "bench/supervision/fire_delay_metrics.h"

#include "tests/support/core/metrics_text.h"

namespace hotline::bench {
using support::BucketBound;
using support::ScrapeMetrics;

FireDelayMetrics ScrapeFireDelay(int port) {
  constexpr const char* kFamily = "hotline_supervision_fire_delay_seconds";
  FireDelayMetrics h;
  for (const auto& [series, value] : ScrapeMetrics(port)) {
    if (std::string le = BucketBound(series, kFamily); !le.empty()) {
      h.buckets.emplace_back(std::move(le), value);
    } else if (series == "hotline_supervision_fire_delay_seconds_count") {
      h.count = value;
    } else if (series == "hotline_supervision_fire_delay_seconds_sum") {
      h.sum = value;
    } else if (series == "hotline_supervision_rungs_fired_total") {
      h.fired_total = value;
    }
  }
  return h;
}

}  // namespace hotline::bench
