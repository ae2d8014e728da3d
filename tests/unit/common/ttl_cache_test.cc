#include "libs/common/ttl_cache.h"

#include <catch2/catch.hpp>

#include "absl/status/status.h"

namespace hotline {
namespace {

TEST_CASE("a ttl cache loads once per ttl and again after Invalidate", "[common]") {
  FakeClock clock(absl::FromUnixSeconds(1'800'000'000));
  int loads = 0;
  bool fail = false;
  TtlCache<int> cache(
      [&]() -> absl::StatusOr<int> {
        if (fail) return absl::UnavailableError("source down");
        return ++loads;
      },
      absl::Seconds(10), clock);

  CHECK(cache.Fresh() == nullptr);  // nothing loaded yet, and Fresh never loads
  CHECK(loads == 0);
  CHECK(**cache.Get() == 1);
  clock.Advance(absl::Seconds(9));
  CHECK(**cache.Get() == 1);
  REQUIRE(cache.Fresh() != nullptr);
  CHECK(*cache.Fresh() == 1);

  clock.Advance(absl::Seconds(1));
  CHECK(cache.Fresh() == nullptr);  // stale at exactly the ttl
  CHECK(**cache.Get() == 2);

  cache.Invalidate();
  CHECK(cache.Fresh() == nullptr);
  CHECK(**cache.Get() == 3);

  // A failed load reports its status and keeps nothing new.
  cache.Invalidate();
  fail = true;
  CHECK(cache.Get().status().code() == absl::StatusCode::kUnavailable);
  fail = false;
  CHECK(**cache.Get() == 4);
}

}  // namespace
}  // namespace hotline
