#include "bench/supervision/fire_delay_metrics.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "bench/support/bench_util.h"

namespace hotline::bench {

FireDelayMetrics ScrapeFireDelay(int port) {
  FireDelayMetrics h;
  const std::string body = HttpGet(port, "/metrics");
  for (absl::string_view line : absl::StrSplit(body, '\n')) {
    const size_t space = line.rfind(' ');
    if (line.empty() || line[0] == '#' || space == absl::string_view::npos) continue;
    double value = 0;
    if (!absl::SimpleAtod(line.substr(space + 1), &value)) continue;
    const absl::string_view name = line.substr(0, space);
    if (absl::StartsWith(name, "hotline_supervision_fire_delay_seconds_bucket")) {
      const size_t le = name.find("le=\"");
      if (le == absl::string_view::npos) continue;
      const size_t end = name.find('"', le + 4);
      h.buckets.emplace_back(std::string(name.substr(le + 4, end - le - 4)), value);
    } else if (absl::StartsWith(name, "hotline_supervision_fire_delay_seconds_count")) {
      h.count = value;
    } else if (absl::StartsWith(name, "hotline_supervision_fire_delay_seconds_sum")) {
      h.sum = value;
    } else if (absl::StartsWith(name, "hotline_supervision_rungs_fired_total")) {
      h.fired_total = value;
    }
  }
  return h;
}

}  // namespace hotline::bench
