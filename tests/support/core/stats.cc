#include "tests/support/core/stats.h"

#include <algorithm>

namespace hotline::support {

double Percentile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  const auto at =
      values.begin() + std::min(values.size() - 1, static_cast<size_t>(q * values.size()));
  std::nth_element(values.begin(), at, values.end());
  return *at;
}

double Mb(int64_t bytes) { return static_cast<double>(bytes) / (1 << 20); }
double Ms(absl::Duration d) { return absl::ToDoubleMilliseconds(d); }

}  // namespace hotline::support
