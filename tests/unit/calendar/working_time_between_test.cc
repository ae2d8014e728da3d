#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "calendar_fixtures.h"
#include "libs/calendar/business_calendar.h"

namespace hotline::calendar {
namespace {

using testing::Local;
using testing::Show;
using testing::Standard;

const absl::Duration kH = absl::Hours(1);
const absl::Duration kM = absl::Minutes(1);
const absl::Duration kZero = absl::ZeroDuration();

TEST_CASE("working time between two instants", "[calendar][between]") {
  auto [from, to, expected, why] =
      GENERATE(table<std::string, std::string, absl::Duration, std::string>({
          {"2026-03-10 10:00", "2026-03-10 11:00", kH, "same morning"},
          {"2026-03-10 11:00", "2026-03-10 14:00", 90 * kM, "across lunch"},
          {"2026-03-10 12:10", "2026-03-10 13:00", kZero, "inside lunch"},
          {"2026-03-10 12:00", "2026-03-10 13:30", kZero, "exactly lunch"},
          {"2026-03-10 11:59", "2026-03-10 13:31", 2 * kM, "lunch plus a minute each side"},
          {"2026-03-10 09:00", "2026-03-10 12:00", 3 * kH, "exactly a morning"},
          {"2026-03-09 17:00", "2026-03-10 10:00", 90 * kM, "across a night"},
          {"2026-03-09 18:00", "2026-03-10 08:00", kZero, "inside a night"},
          {"2026-03-09 17:30", "2026-03-10 09:00", kZero, "closing to opening"},
          {"2026-03-06 16:00", "2026-03-09 10:00", 150 * kM, "across a weekend"},
          {"2026-03-07 00:00", "2026-03-09 00:00", kZero, "a whole weekend"},
          {"2026-03-09 00:00", "2026-03-16 00:00", 35 * kH, "a whole week"},
          {"2026-09-30 17:00", "2026-10-08 10:00", 90 * kM, "across National Day"},
          {"2026-10-01 00:00", "2026-10-08 00:00", kZero, "inside National Day"},
          {"2026-09-30 00:00", "2026-10-10 23:59", 28 * kH, "with an adjusted Saturday"},
          {"2026-10-10 00:00", "2026-10-11 00:00", 7 * kH, "an adjusted Saturday alone"},
          {"2026-12-31 17:00", "2027-01-04 10:00", 90 * kM, "year end"},
          {"2026-01-01 00:00", "2027-01-01 00:00", 248 * 7 * kH, "2026: 248 working days"},
          {"2026-03-10 14:00", "2026-03-10 10:00", kZero, "reversed"},
          {"2026-03-10 10:00", "2026-03-10 10:00", kZero, "empty"},
      }));
  INFO(why << ": " << from << " to " << to);
  CHECK(Standard().WorkingTimeBetween(Local(from), Local(to)) == expected);
}

TEST_CASE("working time to an infinite bound is infinite", "[calendar][between]") {
  const absl::Time t = Local("2026-03-10 10:00");
  CHECK(Standard().WorkingTimeBetween(t, absl::InfiniteFuture()) == absl::InfiniteDuration());
  CHECK(Standard().WorkingTimeBetween(absl::InfiniteFuture(), t) == kZero);
}

// A small deterministic generator: the same cases on every run and machine.
class Lcg {
 public:
  uint64_t Next() {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return state_ >> 33;
  }

 private:
  uint64_t state_ = 20260101;
};

TEST_CASE("working time between t and t plus d is d", "[calendar][between][property]") {
  Lcg random;
  const absl::Time base = Local("2025-12-20 00:00");
  for (int i = 0; i < 3000; ++i) {
    // Any minute from late 2025 to mid 2027 (some seconds too); up to 20 working days.
    const absl::Time t = base + absl::Minutes(random.Next() % (560 * 24 * 60)) +
                         absl::Seconds(i % 7 == 0 ? random.Next() % 60 : 0);
    const absl::Duration d = absl::Minutes(random.Next() % (20 * 7 * 60 + 1));
    absl::StatusOr<absl::Time> end = Standard().AddWorkingTime(t, d);
    REQUIRE(end.ok());
    INFO(Show(t) << " + " << d << " = " << Show(*end));
    REQUIRE(Standard().WorkingTimeBetween(t, *end) == d);
    // And nothing shorter gets there: the result is the earliest such instant.
    if (d > kZero) REQUIRE(Standard().WorkingTimeBetween(t, *end - absl::Seconds(1)) < d);
  }
}

}  // namespace
}  // namespace hotline::calendar
