#include "libs/service/rate_limit_gate.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace hotline::service {

namespace v1 = hotline::common::v1;

RateLimitGate::RateLimitGate(RoleRateLimits limits, const std::string& service,
                             prometheus::Registry& registry, const Clock& clock)
    : limiter_(std::move(limits)), clock_(clock) {
  auto& family =
      prometheus::BuildCounter()
          .Name("hotline_rate_limited_total")
          .Help("Calls refused RESOURCE_EXHAUSTED for going over a credential's rate limit")
          .Register(registry);
  // Every role up front, so the counters exist (at 0) before the first refusal.
  for (int r = v1::Role_MIN; r <= v1::Role_MAX; ++r) {
    if (!v1::Role_IsValid(r) || r == v1::ROLE_UNSPECIFIED) continue;
    const auto role = static_cast<v1::Role>(r);
    refused_[role] = &family.Add({{"service", service}, {"role", RoleLabel(role)}});
  }
}

absl::Status RateLimitGate::Admit(const Principal& caller) {
  if (limiter_.Allow(caller, clock_.Now())) return absl::OkStatus();
  if (auto it = refused_.find(caller.role); it != refused_.end()) it->second->Increment();
  const RateLimit limit = limiter_.LimitOf(caller.role);
  return absl::ResourceExhaustedError(absl::StrFormat(
      "rate limit exceeded: a %s credential may make %g calls per second (bursts of %g); "
      "retry after a pause",
      RoleLabel(caller.role), limit.per_second, limit.burst));
}

}  // namespace hotline::service
