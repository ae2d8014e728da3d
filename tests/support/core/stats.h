#pragma once

#include <cstdint>
#include <vector>

#include "absl/time/time.h"

namespace hotline::support {

// The q-quantile of `values`. Takes a copy: the caller's order (latencies paired with the times
// they were due) stays as it was.
double Percentile(std::vector<double> values, double q);
double Mb(int64_t bytes);
double Ms(absl::Duration d);

}  // namespace hotline::support
