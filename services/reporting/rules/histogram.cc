#include "services/reporting/rules/histogram.h"

namespace hotline::reporting {

int BucketOf(absl::Duration duration) {
  const double hours = absl::ToDoubleHours(duration);
  for (int i = 0; i + 1 < kBucketCount; ++i) {
    if (hours < kBucketUpperHours[i]) return i;
  }
  return kBucketCount - 1;
}

std::optional<double> QuantileHours(const std::array<int64_t, kBucketCount>& counts, double q) {
  int64_t total = 0;
  for (int64_t c : counts) total += c;
  if (total <= 0) return std::nullopt;
  const double rank = q * static_cast<double>(total);
  int64_t below = 0;
  for (int i = 0; i < kBucketCount; ++i) {
    const double lower = i == 0 ? 0 : kBucketUpperHours[i - 1];
    if (i == kBucketCount - 1) return lower;
    if (counts[i] > 0 && static_cast<double>(below + counts[i]) >= rank) {
      const double within = (rank - static_cast<double>(below)) / static_cast<double>(counts[i]);
      return lower + (kBucketUpperHours[i] - lower) * within;
    }
    below += counts[i];
  }
  return std::nullopt;
}

}  // namespace hotline::reporting
