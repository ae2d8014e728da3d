#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace hotline::calendar {

// A span of working time within a local day, as offsets from local midnight: [start, end).
// E.g. {9h, 12h} and {13h30m, 18h} for a day with a lunch break. The offsets are wall-clock
// times of day (9h = 09:00 local), so on a day with a DST change a period lasts the real time
// between its bounds (00:00-24:00 can be 23h or 25h).
struct WorkingPeriod {
  absl::Duration start;
  absl::Duration end;
};

inline bool operator==(const WorkingPeriod& a, const WorkingPeriod& b) {
  return a.start == b.start && a.end == b.end;
}

// OK when each period is non-empty, within [0h, 24h], and they are sorted and not overlapping
// (touching is fine); shared by Create and the text parser.
absl::Status CheckPeriods(const std::vector<WorkingPeriod>& periods);

// What a date is, overriding its weekday's rule.
enum class DayKind {
  kHoliday,     // 法定节假日: no working time
  kWorkingDay,  // 调休: an adjusted working day (usually a weekend), with `hours` below
};

struct DayOverride {
  DayKind kind = DayKind::kHoliday;
  // The hours of an adjusted working day; empty = the hours of a normal Monday.
  std::vector<WorkingPeriod> hours;
  std::string name;  // "春节", "国庆节调休"…, for people reading the data
};

// A business calendar as data (operators maintain holidays and adjusted days per year).
struct CalendarSpec {
  std::string code;  // "standard", "24x7", …
  absl::TimeZone zone;
  // 24×7 (emergency units): every instant is working time; the rest is ignored.
  bool always_open = false;
  // Working periods per weekday, indexed Monday = 0 … Sunday = 6; sorted, not overlapping.
  std::array<std::vector<WorkingPeriod>, 7> weekdays;
  absl::flat_hash_map<absl::CivilDay, DayOverride> overrides;
  // The last year whose holidays and adjusted days are entered ("covers" line); 0: the last year
  // of any override, or no limit when there is none (a calendar that models no holidays).
  int covers_through_year = 0;
};

// Working-time arithmetic on one calendar. Immutable and thread-safe once built.
//
// Conventions (DESIGN.md §2 "Deadlines"):
//  * AddWorkingTime counts only working instants: from inside a non-working period it starts at
//    the next opening; a result that lands exactly on a period's end stays there (it does not
//    jump to the next opening).
//  * AddWorkingDays(from, n): the deadline is the end of the last working period of the n-th
//    working day after the local day of `from` (the day of receipt is not counted, as in
//    "3 个工作日内"), whatever the time of day of `from`; n = 0 is the end of the working day of
//    `from` if it is one and `from` is before its end, else of the next working day (a deadline
//    never precedes its start).
//  * WorkingTimeBetween(a, b) is the working time in [a, b); zero when b <= a; infinite when a
//    bound is infinite.
// A calendar with no working time within 400 days of an instant gives FAILED_PRECONDITION
// rather than looping, and so does a deadline on a day past the years whose holidays the data
// holds (covered_through): it would be wrong without anyone noticing, so it is refused; a negative
// or infinite amount, or an infinite `from`, INVALID_ARGUMENT.
class BusinessCalendar {
 public:
  // INVALID_ARGUMENT for an empty code, empty, unsorted or overlapping periods, periods outside
  // [0h, 24h], hours on a holiday, an adjusted day defaulting to a closed Monday, or a calendar
  // that is neither always open nor has any working weekday or adjusted day.
  static absl::StatusOr<BusinessCalendar> Create(CalendarSpec spec);

  const std::string& code() const;
  bool IsWorkingDay(absl::CivilDay day) const;
  bool IsWorkingInstant(absl::Time t) const;
  // The last local day whose holidays the data holds; none for no limit (24×7, or no holidays
  // modelled at all). Deadlines after it are FAILED_PRECONDITION.
  std::optional<absl::CivilDay> covered_through() const { return covered_through_; }
  // The working periods of a local day (empty on a non-working day).
  const std::vector<WorkingPeriod>& PeriodsOf(absl::CivilDay day) const;

  absl::StatusOr<absl::Time> AddWorkingTime(absl::Time from, absl::Duration working) const;
  absl::StatusOr<absl::Time> AddWorkingDays(absl::Time from, int days) const;
  absl::Duration WorkingTimeBetween(absl::Time from, absl::Time to) const;

 private:
  explicit BusinessCalendar(CalendarSpec spec);
  absl::Status Uncovered(absl::CivilDay day) const;

  CalendarSpec spec_;
  std::optional<absl::CivilDay> covered_through_;
};

}  // namespace hotline::calendar
