#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "absl/time/time.h"

namespace hotline::reporting {

// Handling times are kept as counts per bucket of working hours, so a percentile over any cells
// and period is computed from summed counts. Bucket i holds durations in
// [kBucketUpperHours[i-1], kBucketUpperHours[i]) hours; the last bucket has no upper bound.
inline constexpr std::array<double, 12> kBucketUpperHours = {1,  2,  4,   8,   16,  24,
                                                             40, 80, 120, 200, 400, 0};
inline constexpr int kBucketCount = static_cast<int>(kBucketUpperHours.size());

// The bucket of a duration (negative counts as zero).
int BucketOf(absl::Duration duration);

// The q-quantile (0 < q <= 1) in hours, interpolated linearly within the bucket where it falls
// (as Prometheus' histogram_quantile does); in the open last bucket, its lower bound.
// nullopt when there are no counts.
std::optional<double> QuantileHours(const std::array<int64_t, kBucketCount>& counts, double q);

}  // namespace hotline::reporting
