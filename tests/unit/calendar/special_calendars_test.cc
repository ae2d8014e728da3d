// The 24×7 calendar, a zone with DST, and calendars with (almost) no working time.

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "calendar_fixtures.h"
#include "libs/calendar/business_calendar.h"
#include "libs/calendar/calendar_text.h"

namespace hotline::calendar {
namespace {

using testing::Local;
using testing::MustParse;
using testing::Show;

const absl::Duration kH = absl::Hours(1);

TEST_CASE("the 24x7 calendar counts every instant", "[calendar][24x7]") {
  const BusinessCalendar open = MustParse("code 24x7\nzone Asia/Shanghai\nalways_open\n");
  const absl::Time holiday_night = Local("2026-10-01 03:17");
  CHECK(open.IsWorkingInstant(holiday_night));
  CHECK(open.IsWorkingDay(absl::CivilDay(2026, 10, 1)));
  CHECK(open.PeriodsOf(absl::CivilDay(2026, 10, 1)) ==
        std::vector<WorkingPeriod>{{absl::ZeroDuration(), 24 * kH}});
  CHECK(*open.AddWorkingTime(holiday_night, absl::ZeroDuration()) == holiday_night);
  CHECK(Show(*open.AddWorkingTime(holiday_night, 50 * kH)) == "2026-10-03 05:17");
  CHECK(Show(*open.AddWorkingDays(holiday_night, 0)) == "2026-10-02 00:00");
  CHECK(Show(*open.AddWorkingDays(holiday_night, 1)) == "2026-10-03 00:00");
  CHECK(Show(*open.AddWorkingDays(holiday_night, 3)) == "2026-10-05 00:00");
  CHECK(Show(*open.AddWorkingDays(Local("2026-12-31 23:00"), 1)) == "2027-01-02 00:00");
  CHECK(open.WorkingTimeBetween(holiday_night, holiday_night + 100 * kH) == 100 * kH);
  CHECK(open.WorkingTimeBetween(holiday_night + kH, holiday_night) == absl::ZeroDuration());
}

// Skips (with a warning) where tzdata lacks the zone, as on minimal images.
bool LoadOrWarn(const std::string& name, absl::TimeZone* zone) {
  if (absl::LoadTimeZone(name, zone)) return true;
  WARN("tzdata has no " << name << ": skipped");
  return false;
}

TEST_CASE("hours are local civil time in a zone with DST", "[calendar][dst]") {
  absl::TimeZone ny;
  if (!LoadOrWarn("America/New_York", &ny)) return;
  const BusinessCalendar office =
      MustParse("code ny\nzone America/New_York\nweekday mon-fri 09:00-17:00\n");
  // 2026-03-08 clocks go forward, 2026-11-01 back: Monday still opens at 09:00 on the wall.
  auto [from, add, expected] = GENERATE(table<std::string, absl::Duration, std::string>({
      {"2026-03-06 16:00", 2 * kH, "2026-03-09 10:00"},
      {"2026-10-30 16:00", 2 * kH, "2026-11-02 10:00"},
      {"2026-03-06 09:00", 16 * kH, "2026-03-09 17:00"},
  }));
  INFO(from << " + " << add);
  absl::StatusOr<absl::Time> end = office.AddWorkingTime(Local(from, ny), add);
  REQUIRE(end.ok());
  CHECK(Show(*end, ny) == expected);
  CHECK(office.WorkingTimeBetween(Local(from, ny), *end) == add);
  CHECK(Show(*office.AddWorkingDays(Local(from, ny), 1), ny) == expected.substr(0, 10) + " 17:00");
}

TEST_CASE("a period's length is real time on a DST day", "[calendar][dst]") {
  absl::TimeZone ny;
  if (!LoadOrWarn("America/New_York", &ny)) return;
  const BusinessCalendar sundays =
      MustParse("code s\nzone America/New_York\nweekday sun 00:00-24:00\n");
  CHECK(sundays.WorkingTimeBetween(Local("2026-03-08 00:00", ny), Local("2026-03-09 00:00", ny)) ==
        23 * kH);
  CHECK(sundays.WorkingTimeBetween(Local("2026-11-01 00:00", ny), Local("2026-11-02 00:00", ny)) ==
        25 * kH);
  CHECK(Show(*sundays.AddWorkingTime(Local("2026-03-08 00:00", ny), 23 * kH), ny) ==
        "2026-03-09 00:00");

  // 02:00-03:00 does not exist on 8 March and 01:00-02:00 happens twice on 1 November.
  const BusinessCalendar night =
      MustParse("code n\nzone America/New_York\nweekday sun 01:00-03:00\n");
  CHECK(night.WorkingTimeBetween(Local("2026-03-08 00:00", ny), Local("2026-03-09 00:00", ny)) ==
        kH);
  CHECK(night.WorkingTimeBetween(Local("2026-11-01 00:00", ny), Local("2026-11-02 00:00", ny)) ==
        3 * kH);
  CHECK(Show(*night.AddWorkingTime(Local("2026-03-08 01:00", ny), kH), ny) == "2026-03-08 03:00");
  CHECK(Show(*night.AddWorkingTime(Local("2026-03-08 01:30", ny), kH), ny) == "2026-03-15 01:30");
}

TEST_CASE("round trip in a zone with DST", "[calendar][dst][property]") {
  absl::TimeZone ny;
  if (!LoadOrWarn("America/New_York", &ny)) return;
  const BusinessCalendar office = MustParse(
      "code ny\nzone America/New_York\nweekday mon-fri 09:00-17:00\nweekday sun 00:30-02:30\n");
  const absl::Time base = Local("2026-01-01 00:00", ny);
  uint64_t state = 7;
  for (int i = 0; i < 1000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const absl::Time t = base + absl::Minutes((state >> 33) % (365 * 24 * 60));
    const absl::Duration d = absl::Minutes((state >> 13) % (10 * 10 * 60));
    absl::StatusOr<absl::Time> end = office.AddWorkingTime(t, d);
    REQUIRE(end.ok());
    INFO(Show(t, ny) << " + " << d);
    REQUIRE(office.WorkingTimeBetween(t, *end) == d);
  }
}

TEST_CASE("a working day more than 400 days away is not searched for", "[calendar][guard]") {
  const BusinessCalendar far =
      MustParse("code far\nzone Asia/Shanghai\nworkday 2030-06-03 09:00-10:00 far away\n");
  auto [from, reachable] = GENERATE(table<std::string, bool>({
      {"2026-01-01 00:00", false},
      {"2029-04-28 00:00", false},  // 401 days before
      {"2029-04-29 00:00", true},   // 400 days before
      {"2030-01-01 00:00", true},
      {"2030-06-03 09:00", true},
  }));
  INFO(from);
  absl::StatusOr<absl::Time> end = far.AddWorkingTime(Local(from), kH);
  absl::StatusOr<absl::Time> deadline = far.AddWorkingDays(Local(from), 0);
  if (reachable) {
    REQUIRE(end.ok());
    CHECK(Show(*end) == "2030-06-03 10:00");
    REQUIRE(deadline.ok());
    CHECK(Show(*deadline) == "2030-06-03 10:00");
  } else {
    CHECK(end.status().code() == absl::StatusCode::kFailedPrecondition);
    CHECK(deadline.status().code() == absl::StatusCode::kFailedPrecondition);
  }
}

TEST_CASE("asking for more working time than a calendar has fails", "[calendar][guard]") {
  const BusinessCalendar far =
      MustParse("code far\nzone Asia/Shanghai\nworkday 2030-06-03 09:00-10:00 far away\n");
  CHECK(far.AddWorkingTime(Local("2030-06-01 00:00"), 2 * kH).status().code() ==
        absl::StatusCode::kFailedPrecondition);
  CHECK(far.AddWorkingDays(Local("2030-06-01 00:00"), 2).status().code() ==
        absl::StatusCode::kFailedPrecondition);
  CHECK(far.WorkingTimeBetween(Local("2026-01-01 00:00"), Local("2031-01-01 00:00")) == kH);
}

TEST_CASE("a calendar with no working time at all is refused", "[calendar][guard]") {
  auto text = GENERATE(as<std::string>{}, "code none\nzone Asia/Shanghai\n",
                       "code none\nzone Asia/Shanghai\nholiday 2026-01-01 元旦\n");
  CHECK(ParseCalendar(text).status().code() == absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace hotline::calendar
