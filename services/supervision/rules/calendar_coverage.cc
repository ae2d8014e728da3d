#include "services/supervision/rules/calendar_coverage.h"

#include <algorithm>

namespace hotline::supervision {

std::vector<CalendarCoverage> CoverageOf(
    const absl::flat_hash_map<std::string, std::shared_ptr<const calendar::BusinessCalendar>>&
        calendars,
    absl::Time now, absl::TimeZone zone) {
  std::vector<CalendarCoverage> out;
  const absl::CivilDay today = absl::ToCivilDay(now, zone);
  for (const auto& [code, calendar] : calendars) {
    if (calendar == nullptr || !calendar->covered_through()) continue;
    const absl::CivilDay through = *calendar->covered_through();
    out.push_back({code, through, static_cast<int>(through - today)});
  }
  std::sort(out.begin(), out.end(),
            [](const CalendarCoverage& a, const CalendarCoverage& b) { return a.code < b.code; });
  return out;
}

}  // namespace hotline::supervision
