#pragma once

// Internal to the calendar library: working periods as real instants of one local day.

#include <vector>

#include "absl/container/inlined_vector.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "libs/calendar/business_calendar.h"

namespace hotline::calendar {

struct Window {
  absl::Time start;
  absl::Time end;
};

// Monday = 0 … Sunday = 6, the index of CalendarSpec::weekdays.
int WeekdayIndex(absl::CivilDay day);

absl::CivilDay LocalDay(const absl::TimeZone& zone, absl::Time t);

// The instant of local civil time `day` + `offset`. A time skipped by a DST change maps to the
// change itself and a repeated one to its first occurrence, so later civil times never map to
// earlier instants.
absl::Time LocalInstant(const absl::TimeZone& zone, absl::CivilDay day, absl::Duration offset);

// Two periods per day is the common case (morning and afternoon).
absl::InlinedVector<Window, 4> WindowsOf(const absl::TimeZone& zone, absl::CivilDay day,
                                         const std::vector<WorkingPeriod>& periods);

}  // namespace hotline::calendar
