#pragma once

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "libs/common/clock.h"
#include "libs/service/principal.h"
#include "libs/service/rate_limiter.h"

namespace hotline::service {

// The per-credential rate limit every authenticated call passes, with its metric:
//   hotline_rate_limited_total{service, role}  — calls refused for going over the limit
// (labels are the service and the role only: never who called).
class RateLimitGate {
 public:
  RateLimitGate(RoleRateLimits limits, const std::string& service, prometheus::Registry& registry,
                const Clock& clock);

  // OK, or RESOURCE_EXHAUSTED saying the limit when `caller` is over it.
  absl::Status Admit(const Principal& caller);

 private:
  RateLimiter limiter_;
  const Clock& clock_;
  absl::flat_hash_map<hotline::common::v1::Role, prometheus::Counter*> refused_;
};

}  // namespace hotline::service
