#pragma once

#include <cstddef>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "hotline/common/v1/auth.pb.h"
#include "libs/service/principal.h"

namespace hotline::service {

// A token bucket: `per_second` calls on average, up to `burst` at once. per_second <= 0 means
// no limit.
struct RateLimit {
  double per_second = 0;
  double burst = 0;
};

using RoleRateLimits = absl::flat_hash_map<hotline::common::v1::Role, RateLimit>;

// Defaults sized for a call centre: a front-end credential is a console pool or a gateway (web,
// WeChat, SMS) carrying many callers; a unit's or the office's is a few people clicking; a peer
// instance forwards in batches; reporting pages through results.
RoleRateLimits DefaultRateLimits();

// "frontend=50/100,unit=20/40": per role, calls per second / burst, overriding the defaults;
// "role=0" lifts that role's limit and "off" every limit. INVALID_ARGUMENT says what is wrong.
absl::StatusOr<RoleRateLimits> ParseRateLimits(absl::string_view spec);

// "frontend", "unit", … as flags and metric labels spell a role.
std::string RoleLabel(hotline::common::v1::Role role);

// One token bucket per credential (role and principal name), refilled continuously.
class RateLimiter {
 public:
  explicit RateLimiter(RoleRateLimits limits, size_t max_tracked = 50000);

  // Whether `caller` may make one more call at `now`; a refused call takes no token.
  bool Allow(const Principal& caller, absl::Time now);
  // The limit `role` has (per_second 0 when none), for the refusal's message.
  RateLimit LimitOf(hotline::common::v1::Role role) const;

 private:
  struct Bucket {
    double tokens = 0;
    absl::Time refilled;
  };
  // Drops buckets that have refilled completely: they hold nothing a new bucket would not.
  void ForgetIdle(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const RoleRateLimits limits_;
  const size_t max_tracked_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::pair<int, std::string>, Bucket> buckets_ ABSL_GUARDED_BY(mu_);
};

}  // namespace hotline::service
