#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"

namespace hotline::support {

// The samples of a Prometheus text exposition as (series, value), the series being the name with
// its labels (`x_bucket{le="0.5"}`); comments and unreadable lines are skipped.
std::vector<std::pair<std::string, double>> ParseSamples(absl::string_view text);

// The value of one sample, e.g. Sample(text, "hotline_x_total{code=\"OK\"}"); -1 when absent.
double Sample(absl::string_view metrics_text, absl::string_view series);

// The samples of GET http://127.0.0.1:<port>/metrics; empty when it cannot be read or `port` is 0.
std::vector<std::pair<std::string, double>> ScrapeMetrics(int port);

// The `le` label of `series` when it is a bucket of histogram `family`, else "".
std::string BucketBound(absl::string_view series, absl::string_view family);

}  // namespace hotline::support
