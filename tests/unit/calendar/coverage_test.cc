// A calendar holds holidays for the years entered: a deadline past them is refused, not
// computed as if those years had none.

#include <catch2/catch.hpp>
#include <string>

#include "calendar_fixtures.h"
#include "libs/calendar/calendar_text.h"

namespace hotline::calendar {
namespace {

using testing::Local;
using testing::MustParse;
using testing::ReadRepoFile;
using testing::Show;

constexpr char kHead[] = "code office\nzone Asia/Shanghai\nweekday mon-fri 09:00-17:00\n";

TEST_CASE("the seed covers the years it lists and refuses deadlines after them",
          "[calendar][coverage]") {
  const BusinessCalendar seed = MustParse(ReadRepoFile("deploy/calendars/standard-2026-2027.txt"));
  REQUIRE(seed.covered_through());
  CHECK(*seed.covered_through() == absl::CivilDay(2027, 12, 31));

  // The last day itself is fine.
  absl::StatusOr<absl::Time> last = seed.AddWorkingDays(Local("2027-12-30 10:00"), 1);
  REQUIRE(last.ok());
  CHECK(Show(*last) == "2027-12-31 17:30");
  // Past it, whichever way the deadline is counted.
  for (const absl::StatusOr<absl::Time>& refused :
       {seed.AddWorkingDays(Local("2027-12-28 10:00"), 5),
        seed.AddWorkingTime(Local("2027-12-31 16:00"), absl::Hours(2)),
        seed.AddWorkingTime(Local("2028-03-01 10:00"), absl::Minutes(1))}) {
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.status().code() == absl::StatusCode::kFailedPrecondition);
    CHECK_THAT(std::string(refused.status().message()),
               Catch::Matchers::Contains("holds holidays through 2027-12-31"));
  }
}

TEST_CASE("'covers' names the last year entered, also one without holidays",
          "[calendar][coverage]") {
  const std::string text =
      std::string(kHead) + "covers 2028\nholiday 2026-10-01 2026-10-07 国庆节\n";
  const BusinessCalendar calendar = MustParse(text);
  REQUIRE(calendar.covered_through());
  CHECK(*calendar.covered_through() == absl::CivilDay(2028, 12, 31));
  CHECK(calendar.AddWorkingDays(Local("2028-06-01 10:00"), 3).ok());
  CHECK(calendar.AddWorkingDays(Local("2028-12-29 10:00"), 3).status().code() ==
        absl::StatusCode::kFailedPrecondition);
  // It prints and reads back.
  absl::StatusOr<CalendarSpec> spec = ParseCalendarSpec(text);
  REQUIRE(spec.ok());
  CHECK(spec->covers_through_year == 2028);
  absl::StatusOr<CalendarSpec> again = ParseCalendarSpec(FormatCalendarSpec(*spec));
  REQUIRE(again.ok());
  CHECK(again->covers_through_year == 2028);
}

TEST_CASE("calendars that model no holidays have no limit", "[calendar][coverage]") {
  CHECK_FALSE(MustParse(kHead).covered_through());
  CHECK(MustParse(kHead).AddWorkingDays(Local("2040-01-02 10:00"), 10).ok());
  const BusinessCalendar open = MustParse(ReadRepoFile("deploy/calendars/24x7.txt"));
  CHECK_FALSE(open.covered_through());
  CHECK(open.AddWorkingTime(Local("2040-01-02 10:00"), absl::Hours(2)).ok());
}

TEST_CASE("a bad 'covers' line is refused with its line", "[calendar][coverage]") {
  for (const std::string& bad :
       {std::string(kHead) + "covers 2028\ncovers 2029\n", std::string(kHead) + "covers next\n",
        std::string(kHead) + "covers 28\n",
        std::string("code x\nzone Asia/Shanghai\nalways_open\ncovers 2028\n")}) {
    INFO(bad);
    absl::StatusOr<CalendarSpec> spec = ParseCalendarSpec(bad);
    REQUIRE_FALSE(spec.ok());
    CHECK(spec.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK_THAT(std::string(spec.status().message()), Catch::Matchers::StartsWith("line "));
  }
}

}  // namespace
}  // namespace hotline::calendar
