// The seed under deploy/calendars/ must load, and say what the 2026 notice says.

#include <catch2/catch.hpp>
#include <string>

#include "calendar_fixtures.h"
#include "libs/calendar/calendar_text.h"
#include "spec_matchers.h"

namespace hotline::calendar {
namespace {

using testing::ReadRepoFile;

TEST_CASE("the standard seed loads and matches the 2026 notice", "[calendar][seed]") {
  const std::string text = ReadRepoFile("deploy/calendars/standard-2026-2027.txt");
  CHECK_THAT(text, Catch::Matchers::Contains("DATA TO VERIFY against the State Council notice "
                                             "before use; 2027 is provisional"));
  const BusinessCalendar seed = testing::MustParse(text);
  CHECK(seed.code() == "standard");
  // Every 2026 day agrees with the test calendar transcribed from the notice.
  for (absl::CivilDay d(2026, 1, 1); d < absl::CivilDay(2027, 1, 1); ++d) {
    INFO(d);
    CHECK(seed.PeriodsOf(d) == testing::Standard().PeriodsOf(d));
  }
  // 2027: statutory days only.
  for (absl::CivilDay d :
       {absl::CivilDay(2027, 1, 1), absl::CivilDay(2027, 2, 5), absl::CivilDay(2027, 2, 8),
        absl::CivilDay(2027, 4, 5), absl::CivilDay(2027, 6, 9), absl::CivilDay(2027, 9, 15),
        absl::CivilDay(2027, 10, 1)}) {
    INFO(d);
    CHECK_FALSE(seed.IsWorkingDay(d));
  }
  CHECK(seed.IsWorkingDay(absl::CivilDay(2027, 2, 9)));
  CHECK(seed.IsWorkingDay(absl::CivilDay(2027, 10, 4)));
}

TEST_CASE("the seed files print and read back unchanged", "[calendar][seed][text]") {
  auto file = GENERATE(as<std::string>{}, "deploy/calendars/standard-2026-2027.txt",
                       "deploy/calendars/24x7.txt");
  INFO(file);
  absl::StatusOr<CalendarSpec> spec = ParseCalendarSpec(ReadRepoFile(file));
  REQUIRE(spec.ok());
  absl::StatusOr<CalendarSpec> back = ParseCalendarSpec(FormatCalendarSpec(*spec));
  REQUIRE(back.ok());
  CHECK(testing::SameSpec(*back, *spec));
}

TEST_CASE("the 24x7 seed is always open", "[calendar][seed]") {
  const BusinessCalendar open = testing::MustParse(ReadRepoFile("deploy/calendars/24x7.txt"));
  CHECK(open.code() == "24x7");
  CHECK(open.IsWorkingInstant(testing::Local("2026-02-17 03:00")));
}

}  // namespace
}  // namespace hotline::calendar
