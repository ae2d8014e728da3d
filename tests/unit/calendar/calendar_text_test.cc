#include "libs/calendar/calendar_text.h"

#include <catch2/catch.hpp>
#include <string>

#include "spec_matchers.h"

namespace hotline::calendar {
namespace {

const absl::Duration kH = absl::Hours(1);
const absl::Duration kM = absl::Minutes(1);

TEST_CASE("the documented example parses", "[calendar][text]") {
  absl::StatusOr<CalendarSpec> spec = ParseCalendarSpec(
      "# a comment\n"
      "code standard\n"
      "zone Asia/Shanghai\n"
      "\n"
      "weekday mon-fri 09:00-12:00 13:30-17:30\r\n"
      "weekday\tsat  09:00-12:00\n"
      "holiday 2026-01-01 2026-01-03 元旦\n"
      "workday 2026-01-04 元旦调休\n"
      "workday 2026-02-28 08:30-12:00 春节 调休\n"
      "holiday 2026-04-05\n");
  REQUIRE(spec.ok());
  CHECK(spec->code == "standard");
  CHECK(spec->zone.name() == "Asia/Shanghai");
  CHECK_FALSE(spec->always_open);
  const std::vector<WorkingPeriod> office = {{9 * kH, 12 * kH},
                                             {13 * kH + 30 * kM, 17 * kH + 30 * kM}};
  for (int d = 0; d < 5; ++d) CHECK(spec->weekdays[d] == office);
  CHECK(spec->weekdays[5] == std::vector<WorkingPeriod>{{9 * kH, 12 * kH}});
  CHECK(spec->weekdays[6].empty());
  REQUIRE(spec->overrides.size() == 6);
  for (int d = 1; d <= 3; ++d) {
    const DayOverride& entry = spec->overrides.at(absl::CivilDay(2026, 1, d));
    CHECK(entry.kind == DayKind::kHoliday);
    CHECK(entry.name == "元旦");
  }
  const DayOverride& adjusted = spec->overrides.at(absl::CivilDay(2026, 1, 4));
  CHECK(adjusted.kind == DayKind::kWorkingDay);
  CHECK(adjusted.hours.empty());  // Monday's, resolved by Create
  const DayOverride& own = spec->overrides.at(absl::CivilDay(2026, 2, 28));
  CHECK(own.hours == std::vector<WorkingPeriod>{{8 * kH + 30 * kM, 12 * kH}});
  CHECK(own.name == "春节 调休");
  CHECK(spec->overrides.at(absl::CivilDay(2026, 4, 5)).name.empty());
}

TEST_CASE("always_open and period bounds", "[calendar][text]") {
  absl::StatusOr<CalendarSpec> open = ParseCalendarSpec("code 24x7\nzone UTC\nalways_open\n");
  REQUIRE(open.ok());
  CHECK(open->always_open);
  absl::StatusOr<CalendarSpec> bounds =
      ParseCalendarSpec("code x\nzone UTC\nweekday mon,wed-thu,sun 00:00-08:00:30 20:00-24:00\n");
  REQUIRE(bounds.ok());
  const std::vector<WorkingPeriod> expected = {{absl::ZeroDuration(), 8 * kH + absl::Seconds(30)},
                                               {20 * kH, 24 * kH}};
  for (int d : {0, 2, 3, 6}) CHECK(bounds->weekdays[d] == expected);
  for (int d : {1, 4, 5}) CHECK(bounds->weekdays[d].empty());
}

TEST_CASE("malformed text is refused with its line number", "[calendar][text]") {
  const std::string head = "code a\nzone Asia/Shanghai\n";
  auto [text, message] = GENERATE_COPY(table<std::string, std::string>({
      {head + "weekdays mon 09:00-12:00\n", "line 3: unknown keyword 'weekdays'"},
      {"code a\nzone Mars/Olympus\n", "line 2: unknown time zone 'Mars/Olympus'"},
      {"zone Asia/Shanghai\n", "missing 'code' line"},
      {"code a\n", "missing 'zone' line"},
      {"code a\ncode b\n", "line 2: code already set on line 1"},
      {"code\n", "line 1: expected: code NAME"},
      {"code a/b\n", "line 1: a code has only letters"},
      {"code a\nzone Asia/Shanghai Asia/Urumqi\n", "line 2: expected: zone"},
      {head + "zone UTC\n", "line 3: zone already set on line 2"},
      {head + "weekday mon 09:00-25:00\n", "line 3: bad period '09:00-25:00'"},
      {head + "weekday mon 9:00-12:00\n", "line 3: bad period '9:00-12:00'"},
      {head + "weekday mon 09:60-12:00\n", "line 3: bad period"},
      {head + "weekday mon 09:00-12:00-13:00\n", "line 3: bad period"},
      {head + "weekday mon 09:00-12:00 11:00-13:00\n", "line 3: period starting at"},
      {head + "weekday mon 12:00-09:00\n", "line 3: period 12h-9h is empty"},
      {head + "weekday mon 09:00-12:00\nweekday sun,mon 09:00-12:00\n",
       "line 4: mon already set on line 3"},
      {head + "weekday fri-mon 09:00-12:00\n", "line 3: bad weekdays 'fri-mon'"},
      {head + "weekday mon-tue-wed 09:00-12:00\n", "line 3: bad weekdays"},
      {head + "weekday monday 09:00-12:00\n", "line 3: bad weekdays"},
      {head + "weekday mon,,fri 09:00-12:00\n", "line 3: bad weekdays"},
      {head + "weekday mon\n", "line 3: expected: weekday DAYS"},
      {head + "weekday mon 09:00-12:00 lunch\n", "line 3: unexpected 'lunch'"},
      {head + "holiday\n", "line 3: expected: holiday YYYY-MM-DD"},
      {head + "holiday 2026-02-30 x\n", "line 3: bad date '2026-02-30'"},
      {head + "holiday 2026-1-1 x\n", "line 3: expected: holiday YYYY-MM-DD"},
      {head + "holiday 2026-01-01 2026-13-03 元旦\n", "line 3: bad date '2026-13-03'"},
      {head + "holiday 2026-01-03 2026-01-01 元旦\n", "line 3: a date range runs forward"},
      {head + "holiday 2026-01-01 2026-03-01 元旦\n", "31 days at most"},
      {head + "holiday 2026-01-01 2026元旦\n", "line 3: unexpected '2026元旦'"},
      {head + "holiday 2026-01-01 09:00-12:00\n", "line 3: unexpected '09:00-12:00'"},
      {head + "workday 2026-01-04 09:00-12:00 08:00-09:00 x\n", "line 3: period starting at"},
      {head + "holiday 2026-01-01 2026-01-03 元旦\n\nworkday 2026-01-03 调休\n",
       "line 5: 2026-01-03 already set on line 3"},
      {head + "always_open\nweekday mon 09:00-12:00\n", "line 4: an always_open calendar"},
      {head + "holiday 2026-01-01 x\nalways_open\n", "line 4: always_open excludes day lines"},
      {head + "always_open\nalways_open\n", "line 4: always_open already set on line 3"},
      {head + "always_open yes\n", "line 3: always_open takes nothing"},
  }));
  absl::StatusOr<CalendarSpec> spec = ParseCalendarSpec(text);
  INFO(text);
  REQUIRE_FALSE(spec.ok());
  CHECK(spec.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK_THAT(std::string(spec.status().message()),
             Catch::Matchers::StartsWith(message) || Catch::Matchers::Contains(message));
}

TEST_CASE("ParseCalendar also checks the calendar as a whole", "[calendar][text]") {
  absl::StatusOr<BusinessCalendar> calendar =
      ParseCalendar("code a\nzone Asia/Shanghai\nweekday sat 09:00-12:00\nworkday 2026-01-04\n");
  CHECK(calendar.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK_THAT(std::string(calendar.status().message()), Catch::Matchers::Contains("2026-01-04"));
}

TEST_CASE("the printer groups days and reads back", "[calendar][text]") {
  CalendarSpec spec;
  spec.code = "printed";
  REQUIRE(absl::LoadTimeZone("Asia/Shanghai", &spec.zone));
  for (int d = 0; d < 5; ++d) spec.weekdays[d] = {{9 * kH, 12 * kH}, {13 * kH, 17 * kH}};
  spec.weekdays[5] = {{9 * kH, 11 * kH + absl::Seconds(15)}};
  for (int d = 1; d <= 3; ++d)
    spec.overrides[absl::CivilDay(2026, 1, d)] = {DayKind::kHoliday, {}, "元旦"};
  spec.overrides[absl::CivilDay(2026, 1, 4)] = {DayKind::kWorkingDay, {}, "元旦调休"};
  spec.overrides[absl::CivilDay(2026, 1, 5)] = {DayKind::kWorkingDay, {{10 * kH, 24 * kH}}, "x"};
  spec.overrides[absl::CivilDay(2026, 1, 7)] = {DayKind::kHoliday, {}, ""};
  const std::string text = FormatCalendarSpec(spec);
  CHECK(text ==
        "code printed\n"
        "zone Asia/Shanghai\n"
        "weekday mon-fri 09:00-12:00 13:00-17:00\n"
        "weekday sat 09:00-11:00:15\n"
        "holiday 2026-01-01 2026-01-03 元旦\n"
        "workday 2026-01-04 元旦调休\n"
        "workday 2026-01-05 10:00-24:00 x\n"
        "holiday 2026-01-07\n");
  absl::StatusOr<CalendarSpec> back = ParseCalendarSpec(text);
  REQUIRE(back.ok());
  CHECK(testing::SameSpec(*back, spec));

  spec.always_open = true;
  CHECK(FormatCalendarSpec(spec) == "code printed\nzone Asia/Shanghai\nalways_open\n");
}

}  // namespace
}  // namespace hotline::calendar
