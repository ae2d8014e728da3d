#include <catch2/catch.hpp>
#include <string>

#include "calendar_fixtures.h"
#include "libs/calendar/business_calendar.h"

namespace hotline::calendar {
namespace {

using testing::Local;
using testing::Show;
using testing::Standard;

// The deadline is the close (17:30) of the n-th working day after the day of receipt.
TEST_CASE("adding working days", "[calendar][add_days]") {
  auto [from, days, expected, why] = GENERATE(table<std::string, int, std::string, std::string>({
      {"2026-03-09 10:00", 0, "2026-03-09 17:30", "Monday, same day"},
      {"2026-03-09 10:00", 1, "2026-03-10 17:30", "Monday, next day"},
      {"2026-03-09 10:00", 3, "2026-03-12 17:30", "Monday, 3 days"},
      {"2026-03-09 10:00", 15, "2026-03-30 17:30", "Monday, 15 days"},
      {"2026-03-09 08:00", 0, "2026-03-09 17:30", "before opening, same day"},
      {"2026-03-09 08:00", 1, "2026-03-10 17:30", "before opening, day of receipt not counted"},
      {"2026-03-09 20:00", 0, "2026-03-10 17:30", "after closing: never before its start"},
      {"2026-03-09 17:30", 0, "2026-03-10 17:30", "exactly at closing"},
      {"2026-03-09 17:29", 0, "2026-03-09 17:30", "a minute before closing"},
      {"2026-03-09 20:00", 1, "2026-03-10 17:30", "after closing, next day"},
      {"2026-03-09 20:00", 3, "2026-03-12 17:30", "after closing, 3 days"},
      {"2026-03-07 11:00", 0, "2026-03-09 17:30", "Saturday, 0"},
      {"2026-03-07 11:00", 1, "2026-03-09 17:30", "Saturday, 1"},
      {"2026-03-07 11:00", 3, "2026-03-11 17:30", "Saturday, 3"},
      {"2026-03-07 11:00", 15, "2026-03-27 17:30", "Saturday, 15"},
      {"2026-10-03 10:00", 0, "2026-10-08 17:30", "holiday, 0"},
      {"2026-10-03 10:00", 1, "2026-10-08 17:30", "holiday, 1"},
      {"2026-10-03 10:00", 3, "2026-10-10 17:30", "holiday, 3 with an adjusted Saturday"},
      {"2026-10-03 10:00", 15, "2026-10-27 17:30", "holiday, 15"},
      {"2026-09-30 16:00", 0, "2026-09-30 17:30", "eve of National Day, 0"},
      {"2026-09-30 16:00", 1, "2026-10-08 17:30", "eve of National Day, 1"},
      {"2026-09-30 16:00", 3, "2026-10-10 17:30", "eve of National Day, 3"},
      {"2026-09-30 16:00", 15, "2026-10-27 17:30", "eve of National Day, 15"},
      {"2026-02-13 16:00", 1, "2026-02-14 17:30", "eve of Spring Festival, adjusted Saturday"},
      {"2026-02-13 16:00", 3, "2026-02-25 17:30", "eve of Spring Festival, 3"},
      {"2026-01-04 10:00", 0, "2026-01-04 17:30", "adjusted Sunday, 0"},
      {"2026-01-04 10:00", 1, "2026-01-05 17:30", "adjusted Sunday, 1"},
      {"2026-12-31 10:00", 0, "2026-12-31 17:30", "year end, 0"},
      {"2026-12-31 10:00", 1, "2027-01-04 17:30", "year end, 1"},
      {"2026-12-31 10:00", 3, "2027-01-06 17:30", "year end, 3"},
  }));
  INFO(why << ": " << from << " + " << days << " working days");
  absl::StatusOr<absl::Time> result = Standard().AddWorkingDays(Local(from), days);
  REQUIRE(result.ok());
  CHECK(Show(*result) == expected);
}

TEST_CASE("adding negative working days is refused", "[calendar][add_days]") {
  CHECK(Standard().AddWorkingDays(Local("2026-03-09 10:00"), -1).status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(Standard().AddWorkingDays(absl::InfinitePast(), 1).status().code() ==
        absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace hotline::calendar
