#include "libs/calendar/local_windows.h"

namespace hotline::calendar {

int WeekdayIndex(absl::CivilDay day) {
  switch (absl::GetWeekday(day)) {
    case absl::Weekday::monday:
      return 0;
    case absl::Weekday::tuesday:
      return 1;
    case absl::Weekday::wednesday:
      return 2;
    case absl::Weekday::thursday:
      return 3;
    case absl::Weekday::friday:
      return 4;
    case absl::Weekday::saturday:
      return 5;
    case absl::Weekday::sunday:
      return 6;
  }
  return 0;
}

absl::CivilDay LocalDay(const absl::TimeZone& zone, absl::Time t) {
  return absl::CivilDay(zone.At(t).cs);
}

absl::Time LocalInstant(const absl::TimeZone& zone, absl::CivilDay day, absl::Duration offset) {
  const int64_t seconds = absl::IDivDuration(offset, absl::Seconds(1), &offset);
  const absl::TimeZone::TimeInfo info = zone.At(absl::CivilSecond(day) + seconds);
  const absl::Time t = info.kind == absl::TimeZone::TimeInfo::SKIPPED ? info.trans : info.pre;
  return t + offset;  // the sub-second remainder
}

absl::InlinedVector<Window, 4> WindowsOf(const absl::TimeZone& zone, absl::CivilDay day,
                                         const std::vector<WorkingPeriod>& periods) {
  absl::InlinedVector<Window, 4> windows;
  for (const WorkingPeriod& p : periods) {
    windows.push_back({LocalInstant(zone, day, p.start), LocalInstant(zone, day, p.end)});
  }
  return windows;
}

}  // namespace hotline::calendar
