#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/time.h"
#include "libs/calendar/business_calendar.h"

namespace hotline::supervision {

// How long a calendar's holiday data still lasts, seen from `now`.
struct CalendarCoverage {
  std::string code;
  absl::CivilDay through;  // its last covered local day
  int days_left = 0;       // from today (local) to `through`; negative once it has run out
};

// The calendars with a coverage limit (24×7 ones and those modelling no holidays have none),
// in code order; a calendar that does not parse (null) is left out.
std::vector<CalendarCoverage> CoverageOf(
    const absl::flat_hash_map<std::string, std::shared_ptr<const calendar::BusinessCalendar>>&
        calendars,
    absl::Time now, absl::TimeZone zone);

}  // namespace hotline::supervision
