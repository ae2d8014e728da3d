#include "libs/service/rate_limiter.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace hotline::service {

namespace v1 = hotline::common::v1;

namespace {

constexpr v1::Role kRoles[] = {v1::ROLE_FRONTEND, v1::ROLE_UNIT,      v1::ROLE_SUPERVISOR,
                               v1::ROLE_PROVINCE, v1::ROLE_REPORTING, v1::ROLE_ADMIN};

double Refilled(const RateLimit& limit, double tokens, absl::Duration elapsed) {
  return std::min(limit.burst, tokens + limit.per_second * absl::ToDoubleSeconds(elapsed));
}

}  // namespace

RoleRateLimits DefaultRateLimits() {
  return {
      {v1::ROLE_FRONTEND, {50, 100}},  {v1::ROLE_UNIT, {20, 40}},
      {v1::ROLE_SUPERVISOR, {20, 50}}, {v1::ROLE_PROVINCE, {100, 200}},
      {v1::ROLE_REPORTING, {10, 20}},  {v1::ROLE_ADMIN, {20, 50}},
  };
}

std::string RoleLabel(v1::Role role) {
  absl::string_view name = v1::Role_Name(role);
  absl::ConsumePrefix(&name, "ROLE_");
  return absl::AsciiStrToLower(name);
}

absl::StatusOr<RoleRateLimits> ParseRateLimits(absl::string_view spec) {
  RoleRateLimits limits = DefaultRateLimits();
  spec = absl::StripAsciiWhitespace(spec);
  if (spec == "off") return RoleRateLimits{};
  if (spec.empty()) return limits;
  for (absl::string_view item : absl::StrSplit(spec, ',', absl::SkipWhitespace())) {
    std::vector<absl::string_view> parts = absl::StrSplit(item, '=');
    if (parts.size() != 2) {
      return absl::InvalidArgumentError(
          absl::StrCat("rate_limits: '", item, "' is not role=per_second/burst"));
    }
    const absl::string_view role_name = absl::StripAsciiWhitespace(parts[0]);
    const v1::Role* role = std::find_if(std::begin(kRoles), std::end(kRoles),
                                        [&](v1::Role r) { return RoleLabel(r) == role_name; });
    if (role == std::end(kRoles)) {
      return absl::InvalidArgumentError(
          absl::StrCat("rate_limits: unknown role '", role_name,
                       "' (frontend, unit, supervisor, province, reporting or admin)"));
    }
    std::vector<absl::string_view> numbers = absl::StrSplit(parts[1], '/');
    RateLimit limit;
    if (numbers.size() > 2 ||
        !absl::SimpleAtod(absl::StripAsciiWhitespace(numbers[0]), &limit.per_second) ||
        limit.per_second < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("rate_limits: '", item, "' needs calls per second >= 0, optionally /burst"));
    }
    limit.burst = std::max(1.0, limit.per_second);  // no burst given: one second's worth
    if (numbers.size() == 2 &&
        (!absl::SimpleAtod(absl::StripAsciiWhitespace(numbers[1]), &limit.burst) ||
         limit.burst < 1)) {
      return absl::InvalidArgumentError(
          absl::StrCat("rate_limits: '", item, "' needs a burst of at least 1"));
    }
    limits[*role] = limit;
  }
  return limits;
}

RateLimiter::RateLimiter(RoleRateLimits limits, size_t max_tracked)
    : limits_(std::move(limits)), max_tracked_(std::max<size_t>(1, max_tracked)) {}

RateLimit RateLimiter::LimitOf(v1::Role role) const {
  auto it = limits_.find(role);
  return it == limits_.end() ? RateLimit{} : it->second;
}

bool RateLimiter::Allow(const Principal& caller, absl::Time now) {
  const RateLimit limit = LimitOf(caller.role);
  if (limit.per_second <= 0) return true;
  absl::MutexLock lock(&mu_);
  auto key = std::make_pair(static_cast<int>(caller.role), caller.name);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_tracked_) ForgetIdle(now);
    it = buckets_.emplace(std::move(key), Bucket{limit.burst, now}).first;
  }
  Bucket& bucket = it->second;
  bucket.tokens =
      Refilled(limit, bucket.tokens, std::max(absl::ZeroDuration(), now - bucket.refilled));
  bucket.refilled = std::max(bucket.refilled, now);
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

void RateLimiter::ForgetIdle(absl::Time now) {
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    const RateLimit limit = LimitOf(static_cast<v1::Role>(it->first.first));
    if (Refilled(limit, it->second.tokens, now - it->second.refilled) >= limit.burst) {
      buckets_.erase(it++);
    } else {
      ++it;
    }
  }
}

}  // namespace hotline::service
