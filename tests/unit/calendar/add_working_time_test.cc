#include <catch2/catch.hpp>
#include <chrono>
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

void CheckAdd(const std::string& from, absl::Duration add, const std::string& expected,
              const std::string& why) {
  INFO(why << ": " << from << " + " << add);
  absl::StatusOr<absl::Time> result = Standard().AddWorkingTime(Local(from), add);
  REQUIRE(result.ok());
  CHECK(Show(*result) == expected);
}

TEST_CASE("adding working time around weekends and lunch breaks", "[calendar][add_time]") {
  auto [from, add, expected, why] =
      GENERATE(table<std::string, absl::Duration, std::string, std::string>({
          {"2026-03-06 17:59", 2 * kH, "2026-03-09 11:00", "Friday after closing"},
          {"2026-03-06 17:29", 2 * kH, "2026-03-09 10:59", "Friday one minute before closing"},
          {"2026-03-06 16:00", 2 * kH, "2026-03-09 09:30", "Friday afternoon into Monday"},
          {"2026-03-11 12:30", kH, "2026-03-11 14:30", "inside the lunch break"},
          {"2026-03-11 11:30", kH, "2026-03-11 14:00", "across the lunch break"},
          {"2026-03-11 11:00", kH, "2026-03-11 12:00", "landing on the break stays there"},
          {"2026-03-11 12:00", kZero, "2026-03-11 13:30", "zero from the break's start"},
          {"2026-03-11 09:00", 5 * kH, "2026-03-11 15:30", "a morning and two hours"},
          {"2026-03-10 02:00", kH, "2026-03-10 10:00", "at night"},
          {"2026-03-10 20:00", kH, "2026-03-11 10:00", "in the evening"},
          {"2026-03-07 15:00", kH, "2026-03-09 10:00", "on a Saturday"},
          {"2026-03-08 23:59", kH, "2026-03-09 10:00", "late on a Sunday"},
      }));
  CheckAdd(from, add, expected, why);
}

TEST_CASE("adding working time across holidays and adjusted working days", "[calendar][add_time]") {
  auto [from, add, expected, why] =
      GENERATE(table<std::string, absl::Duration, std::string, std::string>({
          {"2026-09-30 17:00", 8 * kH, "2026-10-09 09:30", "eve of National Day, 8 h"},
          {"2026-09-30 17:00", 2 * kH, "2026-10-08 10:30", "eve of National Day, 2 h"},
          {"2026-09-30 17:00", 30 * kM, "2026-09-30 17:30", "eve of National Day, to closing"},
          {"2026-10-03 12:00", kH, "2026-10-08 10:00", "inside National Day"},
          {"2026-02-13 17:00", kH, "2026-02-14 09:30", "into the adjusted Saturday"},
          {"2026-02-14 17:00", kH, "2026-02-24 09:30", "across Spring Festival"},
          {"2026-04-30 17:00", kH, "2026-05-06 09:30", "across Labour Day"},
          {"2026-10-10 10:00", 3 * kH, "2026-10-10 14:30", "on an adjusted Saturday"},
          {"2026-10-09 17:00", kH, "2026-10-10 09:30", "Friday into an adjusted Saturday"},
          {"2026-10-10 17:30", kH, "2026-10-12 10:00", "adjusted Saturday then a real Sunday"},
          {"2026-01-04 09:00", 7 * kH, "2026-01-04 17:30", "a whole adjusted Sunday"},
          {"2026-01-03 10:00", kH, "2026-01-04 10:00", "holiday Saturday to adjusted Sunday"},
          {"2026-09-19 12:00", kH, "2026-09-20 10:00", "Saturday to adjusted Sunday"},
          {"2026-12-31 17:00", kH, "2027-01-04 09:30", "year end"},
          {"2026-12-31 23:59", kZero, "2027-01-04 09:00", "year end, zero"},
          {"2026-12-31 09:00", 14 * kH, "2027-01-04 17:30", "year end, two whole days"},
      }));
  CheckAdd(from, add, expected, why);
}

TEST_CASE("adding zero and landing on period boundaries", "[calendar][add_time]") {
  auto [from, add, expected, why] =
      GENERATE(table<std::string, absl::Duration, std::string, std::string>({
          {"2026-03-10 10:15", kZero, "2026-03-10 10:15", "zero at a working instant"},
          {"2026-03-10 09:00", kZero, "2026-03-10 09:00", "zero at opening"},
          {"2026-03-10 17:30", kZero, "2026-03-11 09:00", "zero at closing: not working"},
          {"2026-03-10 20:00", kZero, "2026-03-11 09:00", "zero at night"},
          {"2026-03-10 09:00", 3 * kH, "2026-03-10 12:00", "exactly the morning"},
          {"2026-03-10 09:00", 3 * kH + absl::Seconds(1), "2026-03-10 13:30:01", "one second more"},
          {"2026-03-10 13:30", 4 * kH, "2026-03-10 17:30", "exactly the afternoon"},
          {"2026-03-10 13:30", 4 * kH + kM, "2026-03-11 09:01", "one minute more"},
          {"2026-03-10 12:00", kM, "2026-03-10 13:31", "from the break's start"},
          {"2026-03-10 08:59", kM, "2026-03-10 09:01", "from before opening"},
          {"2026-03-10 11:59:59", absl::Seconds(1), "2026-03-10 12:00", "the last second"},
          {"2026-03-02 09:00", 105 * kH, "2026-03-20 17:30", "15 whole working days"},
          {"2026-09-21 09:00", 105 * kH, "2026-10-16 17:30", "15 days across two holidays"},
      }));
  CheckAdd(from, add, expected, why);
}

TEST_CASE("adding a negative or infinite amount is refused", "[calendar][add_time]") {
  const absl::Time t = Local("2026-03-10 10:00");
  CHECK(Standard().AddWorkingTime(t, -kM).status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(Standard().AddWorkingTime(t, absl::InfiniteDuration()).status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(Standard().AddWorkingTime(absl::InfiniteFuture(), kH).status().code() ==
        absl::StatusCode::kInvalidArgument);
}

TEST_CASE("adding 15 working days walks days not minutes", "[calendar][add_time][perf]") {
  const absl::Time start = Local("2026-01-01 00:00");
  const auto began = std::chrono::steady_clock::now();
  for (int i = 0; i < 2000; ++i) {
    absl::StatusOr<absl::Time> result =
        Standard().AddWorkingTime(start + absl::Minutes(97 * i), 105 * kH);
    REQUIRE(result.ok());
  }
  const auto took = std::chrono::steady_clock::now() - began;
  // About 10 ms in a release build; a minute-by-minute walk would take minutes.
  CHECK(took < std::chrono::seconds(2));
}

}  // namespace
}  // namespace hotline::calendar
