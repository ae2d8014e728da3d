#include "libs/service/token_cache.h"

#include <catch2/catch.hpp>

#include "absl/strings/str_cat.h"

namespace hotline::service {
namespace {

namespace v1 = hotline::common::v1;

const absl::Time kStart = absl::FromUnixSeconds(1800000000);

Principal Unit(const std::string& name) { return Principal{v1::ROLE_UNIT, name, "5301"}; }

TEST_CASE("a flood of unknown tokens leaves every known token cached", "[service]") {
  TokenCache cache(absl::Seconds(10), {.max_accepted = 100, .max_refused = 50});
  for (int i = 0; i < 100; ++i) cache.Put(absl::StrCat("good", i), Unit("u"), kStart);
  for (int i = 0; i < 100000; ++i) {
    cache.Put(absl::StrCat("random", i), absl::UnauthenticatedError("unknown token"), kStart);
  }
  CHECK(cache.accepted_size() == 100);
  CHECK(cache.refused_size() == 50);
  for (int i = 0; i < 100; ++i) {
    auto found = cache.Find(absl::StrCat("good", i), kStart + absl::Seconds(1));
    REQUIRE(found.has_value());
    CHECK(found->ok());
  }
  // The newest refusals are the ones kept; the oldest went one by one.
  CHECK(cache.Find("random99999", kStart).has_value());
  CHECK_FALSE(cache.Find("random0", kStart).has_value());
}

TEST_CASE("a full accepted list evicts its least recently used token only", "[service]") {
  TokenCache cache(absl::Seconds(10), {.max_accepted = 2, .max_refused = 2});
  cache.Put("a", Unit("a"), kStart);
  cache.Put("b", Unit("b"), kStart);
  REQUIRE(cache.Find("a", kStart).has_value());  // "a" is now the more recently used
  cache.Put("c", Unit("c"), kStart);
  CHECK(cache.Find("a", kStart).has_value());
  CHECK_FALSE(cache.Find("b", kStart).has_value());
  CHECK(cache.Find("c", kStart).has_value());
}

TEST_CASE("cached answers expire after the ttl", "[service]") {
  TokenCache cache(absl::Seconds(10), {});
  cache.Put("a", Unit("a"), kStart);
  CHECK(cache.Find("a", kStart + absl::Seconds(9)).has_value());
  CHECK_FALSE(cache.Find("a", kStart + absl::Seconds(10)).has_value());
  CHECK(cache.accepted_size() == 0);
}

TEST_CASE("a revoked token leaves the accepted list", "[service]") {
  TokenCache cache(absl::Seconds(10), {});
  cache.Put("a", Unit("a"), kStart);
  cache.Put("a", absl::UnauthenticatedError("revoked"), kStart + absl::Seconds(11));
  auto found = cache.Find("a", kStart + absl::Seconds(12));
  REQUIRE(found.has_value());
  CHECK(absl::IsUnauthenticated(found->status()));
  CHECK(cache.accepted_size() == 0);
}

}  // namespace
}  // namespace hotline::service
