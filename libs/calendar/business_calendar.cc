#include "libs/calendar/business_calendar.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "libs/calendar/local_windows.h"

namespace hotline::calendar {
namespace {

// Longer than any run of holidays plus weekends, short enough to fail fast on bad data.
constexpr int kGuardDays = 400;

const std::vector<WorkingPeriod>& NoPeriods() {
  static const auto* const kNone = new std::vector<WorkingPeriod>();
  return *kNone;
}

const std::vector<WorkingPeriod>& WholeDay() {
  static const auto* const kWhole =
      new std::vector<WorkingPeriod>{{absl::ZeroDuration(), absl::Hours(24)}};
  return *kWhole;
}

absl::Status NoWorkingTimeNear(absl::Time from) {
  return absl::FailedPreconditionError(absl::StrCat("no working time within ", kGuardDays,
                                                    " days after ",
                                                    absl::FormatTime(from, absl::UTCTimeZone())));
}

absl::Status CheckFrom(absl::Time from) {
  if (from == absl::InfinitePast() || from == absl::InfiniteFuture()) {
    return absl::InvalidArgumentError("the start instant must be finite");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckPeriods(const std::vector<WorkingPeriod>& periods) {
  for (size_t i = 0; i < periods.size(); ++i) {
    const WorkingPeriod& p = periods[i];
    if (p.start < absl::ZeroDuration() || p.end > absl::Hours(24)) {
      return absl::InvalidArgumentError(absl::StrCat("period ", absl::FormatDuration(p.start), "-",
                                                     absl::FormatDuration(p.end),
                                                     " is outside 0h-24h"));
    }
    if (p.start >= p.end) {
      return absl::InvalidArgumentError(absl::StrCat("period ", absl::FormatDuration(p.start), "-",
                                                     absl::FormatDuration(p.end), " is empty"));
    }
    if (i > 0 && periods[i - 1].end > p.start) {
      return absl::InvalidArgumentError(absl::StrCat("period starting at ",
                                                     absl::FormatDuration(p.start),
                                                     " is out of order or overlaps the previous"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<BusinessCalendar> BusinessCalendar::Create(CalendarSpec spec) {
  if (spec.code.empty()) return absl::InvalidArgumentError("calendar code is empty");
  if (spec.always_open) return BusinessCalendar(std::move(spec));
  bool has_working_time = false;
  for (int i = 0; i < 7; ++i) {
    absl::Status status = CheckPeriods(spec.weekdays[i]);
    if (!status.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("weekday ", i, ": ", status.message()));
    }
    has_working_time = has_working_time || !spec.weekdays[i].empty();
  }
  for (auto& [day, entry] : spec.overrides) {
    const std::string where = absl::FormatCivilTime(day);
    switch (entry.kind) {
      case DayKind::kHoliday:
        if (!entry.hours.empty()) {
          return absl::InvalidArgumentError(absl::StrCat(where, ": a holiday has no hours"));
        }
        break;
      case DayKind::kWorkingDay: {
        // Resolved here so lookups never have to.
        if (entry.hours.empty()) entry.hours = spec.weekdays[0];
        if (entry.hours.empty()) {
          return absl::InvalidArgumentError(
              absl::StrCat(where, ": adjusted working day without hours, and Monday has none"));
        }
        absl::Status status = CheckPeriods(entry.hours);
        if (!status.ok()) {
          return absl::InvalidArgumentError(absl::StrCat(where, ": ", status.message()));
        }
        has_working_time = true;
        break;
      }
      default:
        return absl::InvalidArgumentError(absl::StrCat(where, ": unknown day kind"));
    }
  }
  if (!has_working_time) {
    return absl::InvalidArgumentError(
        absl::StrCat("calendar ", spec.code, " has no working weekday and no adjusted day"));
  }
  return BusinessCalendar(std::move(spec));
}

BusinessCalendar::BusinessCalendar(CalendarSpec spec) : spec_(std::move(spec)) {
  if (spec_.always_open) return;
  int year = spec_.covers_through_year;
  if (year == 0) {
    for (const auto& [day, entry] : spec_.overrides) {
      year = std::max(year, static_cast<int>(day.year()));
    }
  }
  if (year != 0) covered_through_ = absl::CivilDay(year, 12, 31);
}

absl::Status BusinessCalendar::Uncovered(absl::CivilDay day) const {
  return absl::FailedPreconditionError(absl::StrFormat(
      "calendar %s holds holidays through %s only, and this deadline falls on %s: enter the "
      "next year's holidays (deploy/calendars/README.md)",
      spec_.code, absl::FormatCivilTime(*covered_through_), absl::FormatCivilTime(day)));
}

const std::string& BusinessCalendar::code() const { return spec_.code; }

const std::vector<WorkingPeriod>& BusinessCalendar::PeriodsOf(absl::CivilDay day) const {
  if (spec_.always_open) return WholeDay();
  auto it = spec_.overrides.find(day);
  if (it != spec_.overrides.end()) {
    return it->second.kind == DayKind::kHoliday ? NoPeriods() : it->second.hours;
  }
  return spec_.weekdays[WeekdayIndex(day)];
}

bool BusinessCalendar::IsWorkingDay(absl::CivilDay day) const { return !PeriodsOf(day).empty(); }

bool BusinessCalendar::IsWorkingInstant(absl::Time t) const {
  if (spec_.always_open) return true;
  const absl::CivilDay day = LocalDay(spec_.zone, t);
  for (const Window& w : WindowsOf(spec_.zone, day, PeriodsOf(day))) {
    if (w.start <= t && t < w.end) return true;
  }
  return false;
}

absl::StatusOr<absl::Time> BusinessCalendar::AddWorkingTime(absl::Time from,
                                                            absl::Duration working) const {
  if (absl::Status status = CheckFrom(from); !status.ok()) return status;
  if (working < absl::ZeroDuration() || working == absl::InfiniteDuration()) {
    return absl::InvalidArgumentError("working time to add must be finite and not negative");
  }
  if (spec_.always_open) return from + working;
  absl::Duration remaining = working;
  absl::CivilDay last_seen = LocalDay(spec_.zone, from);
  // Day by day, so the cost is the number of calendar days crossed, not the amount added.
  for (absl::CivilDay day = last_seen;; ++day) {
    if (day - last_seen > kGuardDays) return NoWorkingTimeNear(from);
    if (covered_through_ && day > *covered_through_) return Uncovered(day);
    for (const Window& w : WindowsOf(spec_.zone, day, PeriodsOf(day))) {
      if (w.end <= from || w.end <= w.start) continue;
      last_seen = day;
      const absl::Time begin = std::max(w.start, from);
      const absl::Duration available = w.end - begin;
      // `<=`: a result exactly at a period's end stays there.
      if (remaining <= available) return begin + remaining;
      remaining -= available;
    }
  }
}

absl::StatusOr<absl::Time> BusinessCalendar::AddWorkingDays(absl::Time from, int days) const {
  if (absl::Status status = CheckFrom(from); !status.ok()) return status;
  if (days < 0) return absl::InvalidArgumentError("working days to add must not be negative");
  absl::CivilDay day = LocalDay(spec_.zone, from);
  if (days > 0) ++day;  // the day of receipt is not counted
  int left = std::max(days, 1);
  for (absl::CivilDay last_seen = day;; ++day) {
    if (day - last_seen > kGuardDays) return NoWorkingTimeNear(from);
    if (covered_through_ && day > *covered_through_) return Uncovered(day);
    const std::vector<WorkingPeriod>& periods = PeriodsOf(day);
    if (periods.empty()) continue;
    last_seen = day;
    const absl::Time end = LocalInstant(spec_.zone, day, periods.back().end);
    if (end <= from) continue;  // only for days = 0 after the day's close
    if (--left == 0) return end;
  }
}

absl::Duration BusinessCalendar::WorkingTimeBetween(absl::Time from, absl::Time to) const {
  if (to <= from) return absl::ZeroDuration();
  if (from == absl::InfinitePast() || to == absl::InfiniteFuture()) {
    return absl::InfiniteDuration();
  }
  if (spec_.always_open) return to - from;
  absl::Duration total;
  const absl::CivilDay last = LocalDay(spec_.zone, to);
  for (absl::CivilDay day = LocalDay(spec_.zone, from); day <= last; ++day) {
    for (const Window& w : WindowsOf(spec_.zone, day, PeriodsOf(day))) {
      const absl::Time begin = std::max(w.start, from);
      const absl::Time end = std::min(w.end, to);
      if (begin < end) total += end - begin;
    }
  }
  return total;
}

}  // namespace hotline::calendar
