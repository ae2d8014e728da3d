#include "libs/calendar/business_calendar.h"

#include <catch2/catch.hpp>
#include <functional>
#include <string>

#include "calendar_fixtures.h"

namespace hotline::calendar {
namespace {

using testing::Local;
using testing::Standard;

const absl::Duration kH = absl::Hours(1);

CalendarSpec Office() {
  CalendarSpec spec;
  spec.code = "office";
  spec.zone = testing::Shanghai();
  for (int d = 0; d < 5; ++d) spec.weekdays[d] = {{9 * kH, 12 * kH}, {13 * kH, 17 * kH}};
  return spec;
}

TEST_CASE("a valid spec is accepted", "[calendar][create]") {
  CalendarSpec touching = Office();
  touching.weekdays[5] = {{0 * kH, 12 * kH}, {12 * kH, 24 * kH}};
  CHECK(BusinessCalendar::Create(touching).ok());

  // Overrides only: a calendar that works on a few named days.
  CalendarSpec only_adjusted;
  only_adjusted.code = "rare";
  only_adjusted.overrides[absl::CivilDay(2026, 5, 9)] = {
      DayKind::kWorkingDay, {{8 * kH, 9 * kH}}, ""};
  CHECK(BusinessCalendar::Create(only_adjusted).ok());

  // always_open ignores the rest, even nonsense.
  CalendarSpec open;
  open.code = "24x7";
  open.always_open = true;
  open.weekdays[0] = {{12 * kH, 9 * kH}};
  CHECK(BusinessCalendar::Create(open).ok());
}

TEST_CASE("an invalid spec is refused", "[calendar][create]") {
  using Mutation = std::function<void(CalendarSpec&)>;
  const absl::CivilDay day(2026, 1, 4);
  auto [why, mutate] = GENERATE_COPY(table<std::string, Mutation>({
      {"unsorted periods",
       [](CalendarSpec& s) {
         s.weekdays[0] = {{13 * kH, 17 * kH}, {9 * kH, 12 * kH}};
       }},
      {"overlapping periods",
       [](CalendarSpec& s) {
         s.weekdays[1] = {{9 * kH, 12 * kH}, {11 * kH, 14 * kH}};
       }},
      {"negative start",
       [](CalendarSpec& s) {
         s.weekdays[2] = {{-kH, 2 * kH}};
       }},
      {"end after 24h",
       [](CalendarSpec& s) {
         s.weekdays[3] = {{20 * kH, 25 * kH}};
       }},
      {"empty period",
       [](CalendarSpec& s) {
         s.weekdays[4] = {{9 * kH, 9 * kH}};
       }},
      {"reversed period",
       [](CalendarSpec& s) {
         s.weekdays[5] = {{12 * kH, 9 * kH}};
       }},
      {"bad adjusted hours",
       [day](CalendarSpec& s) {
         s.overrides[day] = {DayKind::kWorkingDay, {{9 * kH, 12 * kH}, {10 * kH, 11 * kH}}, ""};
       }},
      {"holiday with hours",
       [day](CalendarSpec& s) {
         s.overrides[day] = {DayKind::kHoliday, {{9 * kH, 12 * kH}}, ""};
       }},
      {"adjusted day defaulting to a closed Monday",
       [day](CalendarSpec& s) {
         s.weekdays[0].clear();
         s.overrides[day] = {DayKind::kWorkingDay, {}, ""};
       }},
      {"no working time at all", [](CalendarSpec& s) { s.weekdays = {}; }},
      {"holidays only",
       [day](CalendarSpec& s) {
         s.weekdays = {};
         s.overrides[day] = {DayKind::kHoliday, {}, ""};
       }},
      {"unknown day kind",
       [day](CalendarSpec& s) {
         s.overrides[day] = {static_cast<DayKind>(7), {}, ""};
       }},
      {"empty code", [](CalendarSpec& s) { s.code.clear(); }},
  }));
  CalendarSpec spec = Office();
  mutate(spec);
  absl::StatusOr<BusinessCalendar> calendar = BusinessCalendar::Create(spec);
  INFO(why);
  CHECK(calendar.status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("the periods and kind of a day", "[calendar][lookup]") {
  const std::vector<WorkingPeriod> normal = {
      {9 * kH, 12 * kH}, {13 * kH + absl::Minutes(30), 17 * kH + absl::Minutes(30)}};
  auto [y, m, d, working, why] = GENERATE(table<int, int, int, bool, std::string>({
      {2026, 3, 10, true, "a Tuesday"},
      {2026, 3, 7, false, "a Saturday"},
      {2026, 3, 8, false, "a Sunday"},
      {2026, 10, 1, false, "National Day, a Thursday"},
      {2026, 10, 10, true, "an adjusted Saturday"},
      {2026, 1, 4, true, "an adjusted Sunday"},
      {2026, 2, 23, false, "the last day of Spring Festival, a Monday"},
      {2027, 1, 1, false, "New Year 2027"},
  }));
  INFO(why);
  const absl::CivilDay day(y, m, d);
  CHECK(Standard().IsWorkingDay(day) == working);
  CHECK(Standard().PeriodsOf(day) == (working ? normal : std::vector<WorkingPeriod>{}));
}

TEST_CASE("an adjusted day without hours takes the hours of Monday", "[calendar][lookup]") {
  CalendarSpec spec = Office();
  spec.overrides[absl::CivilDay(2026, 10, 10)] = {DayKind::kWorkingDay, {}, ""};
  spec.overrides[absl::CivilDay(2026, 9, 20)] = {DayKind::kWorkingDay, {{9 * kH, 12 * kH}}, ""};
  absl::StatusOr<BusinessCalendar> calendar = BusinessCalendar::Create(spec);
  REQUIRE(calendar.ok());
  CHECK(calendar->PeriodsOf(absl::CivilDay(2026, 10, 10)) == spec.weekdays[0]);
  CHECK(calendar->PeriodsOf(absl::CivilDay(2026, 9, 20)) ==
        std::vector<WorkingPeriod>{{9 * kH, 12 * kH}});
  CHECK(calendar->code() == "office");
}

TEST_CASE("whether an instant is working time", "[calendar][lookup]") {
  auto [at, working] = GENERATE(table<std::string, bool>({
      {"2026-03-10 08:59:59", false},
      {"2026-03-10 09:00", true},
      {"2026-03-10 11:59:59", true},
      {"2026-03-10 12:00", false},
      {"2026-03-10 13:29", false},
      {"2026-03-10 13:30", true},
      {"2026-03-10 17:29:59", true},
      {"2026-03-10 17:30", false},
      {"2026-03-10 03:00", false},
      {"2026-03-07 10:00", false},
      {"2026-10-02 10:00", false},
      {"2026-10-10 10:00", true},
  }));
  INFO(at);
  CHECK(Standard().IsWorkingInstant(Local(at)) == working);
}

TEST_CASE("2026 has 248 working days", "[calendar][lookup]") {
  int working = 0;
  for (absl::CivilDay d(2026, 1, 1); d < absl::CivilDay(2027, 1, 1); ++d) {
    working += Standard().IsWorkingDay(d) ? 1 : 0;
  }
  CHECK(working == 248);
}

}  // namespace
}  // namespace hotline::calendar
