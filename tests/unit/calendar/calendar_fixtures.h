#pragma once

#include <string>

#include "absl/time/time.h"
#include "libs/calendar/business_calendar.h"

namespace hotline::calendar::testing {

absl::TimeZone Shanghai();

// "2026-09-30 17:00" or "2026-09-30 17:00:05", local civil time in `zone`.
absl::Time Local(const std::string& text, const absl::TimeZone& zone = Shanghai());
// The inverse of Local, seconds only when not zero, so expectations read like the cases.
std::string Show(absl::Time t, const absl::TimeZone& zone = Shanghai());

// Parses or fails the test.
BusinessCalendar MustParse(const std::string& text);

// Government hours (09:00-12:00 13:30-17:30, 7 h a day) with the 2026 notice and 2027-01-01 — kept
// apart from the seed so that editing the seed does not move these expectations.
const BusinessCalendar& Standard();

// A file committed under the source tree.
std::string ReadRepoFile(const std::string& relative);

}  // namespace hotline::calendar::testing
