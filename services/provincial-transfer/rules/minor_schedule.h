#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace hotline::transfer {

// When a prefecture pushes a month's minor-protection figures to the province: on day
// `day_of_month` of the next month at `hour`, local time (Asia/Shanghai). Days stop at 28 so
// that every month has the day.
struct MinorPushSchedule {
  int day_of_month = 3;
  int hour = 9;
};

// INVALID_ARGUMENT naming the flag: --minor_push_day in 1..28, --minor_push_hour in 0..23.
absl::Status ValidateMinorPushSchedule(const MinorPushSchedule& schedule);

// Asia/Shanghai: UTC+8 all year (China keeps no daylight saving time), without tzdata.
inline absl::TimeZone ShanghaiTime() { return absl::FixedTimeZone(8 * 3600); }

// "YYYY-MM" ⇄ a civil month. INVALID_ARGUMENT naming `field` for anything else.
absl::StatusOr<absl::CivilMonth> ParseMonth(absl::string_view text, absl::string_view field);
std::string FormatMonth(absl::CivilMonth month);

// The latest month whose push is due at `now`: the previous month once this month's push day
// and hour have come, the month before it until then.
absl::CivilMonth DueMinorMonth(const MinorPushSchedule& schedule, absl::Time now,
                               absl::TimeZone zone);

// FAILED_PRECONDITION unless `month` has ended at `now` (its figures are final, apart from
// corrections); a push of a running month would be a moving target.
absl::Status CheckMonthEnded(absl::CivilMonth month, absl::Time now, absl::TimeZone zone);

}  // namespace hotline::transfer
