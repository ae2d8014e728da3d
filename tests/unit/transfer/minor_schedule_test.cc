// When a prefecture pushes a month's minor-protection figures: on the configured day and hour
// of the next month, Asia/Shanghai; and which months may be pushed at all.
#include "services/provincial-transfer/rules/minor_schedule.h"

#include <catch2/catch.hpp>

namespace hotline::transfer {
namespace {

absl::Time Local(int y, int m, int d, int h, int min = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, h, min, 0), ShanghaiTime());
}

TEST_CASE("The due month is the previous one from the push day and hour on, local time",
          "[minor_schedule]") {
  const MinorPushSchedule schedule{3, 9};
  CHECK(DueMinorMonth(schedule, Local(2026, 12, 3, 9), ShanghaiTime()) ==
        absl::CivilMonth(2026, 11));
  CHECK(DueMinorMonth(schedule, Local(2026, 12, 31, 23, 59), ShanghaiTime()) ==
        absl::CivilMonth(2026, 11));
  // One minute before: still the month before that.
  CHECK(DueMinorMonth(schedule, Local(2026, 12, 3, 8, 59), ShanghaiTime()) ==
        absl::CivilMonth(2026, 10));
  CHECK(DueMinorMonth(schedule, Local(2026, 12, 1, 0), ShanghaiTime()) ==
        absl::CivilMonth(2026, 10));
  // Across the year.
  CHECK(DueMinorMonth(schedule, Local(2027, 1, 5, 12), ShanghaiTime()) ==
        absl::CivilMonth(2026, 12));
  CHECK(DueMinorMonth(schedule, Local(2027, 1, 2, 12), ShanghaiTime()) ==
        absl::CivilMonth(2026, 11));
}

TEST_CASE("The schedule's day and hour are local to Shanghai, not UTC", "[minor_schedule]") {
  const MinorPushSchedule schedule{1, 0};
  // 2026-11-30 16:00 UTC is 2026-12-01 00:00 in Shanghai: November is due there.
  const absl::Time utc_evening =
      absl::FromCivil(absl::CivilSecond(2026, 11, 30, 16, 0, 0), absl::UTCTimeZone());
  CHECK(DueMinorMonth(schedule, utc_evening, ShanghaiTime()) == absl::CivilMonth(2026, 11));
  CHECK(DueMinorMonth(schedule, utc_evening - absl::Seconds(1), ShanghaiTime()) ==
        absl::CivilMonth(2026, 10));
}

TEST_CASE("A schedule's day must exist in every month, its hour in every day", "[minor_schedule]") {
  CHECK(ValidateMinorPushSchedule({1, 0}).ok());
  CHECK(ValidateMinorPushSchedule({28, 23}).ok());
  const absl::Status day = ValidateMinorPushSchedule({29, 9});
  CHECK(day.code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(day.message()).find("--minor_push_day") != std::string::npos);
  CHECK(ValidateMinorPushSchedule({0, 9}).code() == absl::StatusCode::kInvalidArgument);
  const absl::Status hour = ValidateMinorPushSchedule({3, 24});
  CHECK(std::string(hour.message()).find("--minor_push_hour") != std::string::npos);
}

TEST_CASE("Months are YYYY-MM and only one that has ended may be pushed", "[minor_schedule]") {
  absl::StatusOr<absl::CivilMonth> month = ParseMonth("2026-11", "month");
  REQUIRE(month.ok());
  CHECK(*month == absl::CivilMonth(2026, 11));
  CHECK(FormatMonth(*month) == "2026-11");
  for (const char* bad : {"2026-13", "2026-00", "2026-1", "26-11", "2026/11", "", "2026-+1",
                          "1999-12", "2026-11-01"}) {
    const absl::StatusOr<absl::CivilMonth> parsed = ParseMonth(bad, "figures.month");
    CHECK(parsed.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK(std::string(parsed.status().message()).find("figures.month") != std::string::npos);
  }
  const absl::Time december = Local(2026, 12, 7, 15);
  CHECK(CheckMonthEnded(absl::CivilMonth(2026, 11), december, ShanghaiTime()).ok());
  CHECK(CheckMonthEnded(absl::CivilMonth(2026, 12), december, ShanghaiTime()).code() ==
        absl::StatusCode::kFailedPrecondition);
  CHECK(CheckMonthEnded(absl::CivilMonth(2027, 1), december, ShanghaiTime()).code() ==
        absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace hotline::transfer
