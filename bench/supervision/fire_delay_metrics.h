#pragma once

#include <string>
#include <utility>
#include <vector>

namespace hotline::bench {

// hotline-supervision's own view of its firing, from its /metrics.
struct FireDelayMetrics {
  std::vector<std::pair<std::string, double>> buckets;  // le, cumulative count
  double count = 0, sum = 0;                            // of fire_delay_seconds
  double fired_total = 0;                               // rungs_fired_total
};

// Scrapes http://127.0.0.1:<port>/metrics; all zero when it cannot.
FireDelayMetrics ScrapeFireDelay(int port);

}  // namespace hotline::bench
