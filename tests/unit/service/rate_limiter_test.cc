#include "libs/service/rate_limiter.h"

#include <catch2/catch.hpp>

namespace hotline::service {
namespace {

namespace v1 = hotline::common::v1;

const absl::Time kStart = absl::FromUnixSeconds(1800000000);

TEST_CASE("a credential gets its burst, then its rate", "[service][rate]") {
  RateLimiter limiter({{v1::ROLE_UNIT, {2, 5}}});
  const Principal unit{v1::ROLE_UNIT, "unit-a", "5301"};
  for (int i = 0; i < 5; ++i) CHECK(limiter.Allow(unit, kStart));
  CHECK_FALSE(limiter.Allow(unit, kStart));
  CHECK_FALSE(limiter.Allow(unit, kStart + absl::Milliseconds(400)));
  CHECK(limiter.Allow(unit, kStart + absl::Milliseconds(500)));  // one token after 0.5 s
  CHECK_FALSE(limiter.Allow(unit, kStart + absl::Milliseconds(500)));
  // A long pause refills to the burst, never beyond.
  for (int i = 0; i < 5; ++i) CHECK(limiter.Allow(unit, kStart + absl::Hours(1)));
  CHECK_FALSE(limiter.Allow(unit, kStart + absl::Hours(1)));
}

TEST_CASE("each credential has its own bucket and unlisted roles are not limited",
          "[service][rate]") {
  RateLimiter limiter({{v1::ROLE_FRONTEND, {1, 1}}});
  const Principal a{v1::ROLE_FRONTEND, "console-a", "5301"};
  const Principal b{v1::ROLE_FRONTEND, "console-b", "5301"};
  CHECK(limiter.Allow(a, kStart));
  CHECK_FALSE(limiter.Allow(a, kStart));
  CHECK(limiter.Allow(b, kStart));
  const Principal admin{v1::ROLE_ADMIN, "ops", ""};
  for (int i = 0; i < 1000; ++i) REQUIRE(limiter.Allow(admin, kStart));
}

TEST_CASE("idle buckets are forgotten when the tracked set is full", "[service][rate]") {
  RateLimiter limiter({{v1::ROLE_UNIT, {1, 1}}}, /*max_tracked=*/2);
  const Principal a{v1::ROLE_UNIT, "a", ""}, b{v1::ROLE_UNIT, "b", ""}, c{v1::ROLE_UNIT, "c", ""};
  CHECK(limiter.Allow(a, kStart));
  CHECK(limiter.Allow(b, kStart));
  CHECK(limiter.Allow(c, kStart + absl::Seconds(5)));  // a and b have refilled: dropped
  CHECK_FALSE(limiter.Allow(c, kStart + absl::Seconds(5)));
  CHECK(limiter.Allow(a, kStart + absl::Seconds(5)));
}

TEST_CASE("rate limit flags override the defaults per role", "[service][rate]") {
  auto limits = ParseRateLimits("unit=5/10, frontend=0");
  REQUIRE(limits.ok());
  CHECK((*limits)[v1::ROLE_UNIT].per_second == 5);
  CHECK((*limits)[v1::ROLE_UNIT].burst == 10);
  CHECK((*limits)[v1::ROLE_FRONTEND].per_second == 0);
  CHECK((*limits)[v1::ROLE_SUPERVISOR].per_second ==
        DefaultRateLimits()[v1::ROLE_SUPERVISOR].per_second);
  auto no_burst = ParseRateLimits("reporting=3");
  REQUIRE(no_burst.ok());
  CHECK((*no_burst)[v1::ROLE_REPORTING].burst == 3);
  auto off = ParseRateLimits("off");
  REQUIRE(off.ok());
  CHECK(off->empty());
  CHECK(ParseRateLimits("").ok());
}

TEST_CASE("malformed rate limit flags are refused saying why", "[service][rate]") {
  CHECK(absl::IsInvalidArgument(ParseRateLimits("caller=5").status()));
  CHECK(ParseRateLimits("caller=5").status().message().find("unknown role") != std::string::npos);
  CHECK(absl::IsInvalidArgument(ParseRateLimits("unit").status()));
  CHECK(absl::IsInvalidArgument(ParseRateLimits("unit=-1").status()));
  CHECK(absl::IsInvalidArgument(ParseRateLimits("unit=fast").status()));
  CHECK(absl::IsInvalidArgument(ParseRateLimits("unit=5/0").status()));
  CHECK(absl::IsInvalidArgument(ParseRateLimits("unit=5/10/20").status()));
}

}  // namespace
}  // namespace hotline::service
