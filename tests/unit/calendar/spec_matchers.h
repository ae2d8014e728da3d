#pragma once

#include "libs/calendar/business_calendar.h"

namespace hotline::calendar::testing {

// Field by field; the zone by name.
inline bool SameSpec(const CalendarSpec& a, const CalendarSpec& b) {
  if (a.code != b.code || a.zone.name() != b.zone.name() || a.always_open != b.always_open ||
      a.weekdays != b.weekdays || a.overrides.size() != b.overrides.size()) {
    return false;
  }
  for (const auto& [day, entry] : a.overrides) {
    auto it = b.overrides.find(day);
    if (it == b.overrides.end() || it->second.kind != entry.kind ||
        it->second.hours != entry.hours || it->second.name != entry.name) {
      return false;
    }
  }
  return true;
}

}  // namespace hotline::calendar::testing
