#pragma once

// A calendar as text: one format for operators and for the seed (deploy/calendars/). E.g.
//
//   # comment lines and blank lines are ignored
//   code standard
//   zone Asia/Shanghai
//   weekday mon-fri 09:00-12:00 13:30-17:30
//   holiday 2026-01-01 2026-01-03 元旦
//   workday 2026-01-04 元旦调休
//   workday 2026-02-14 09:00-12:00 春节调休
//
// `code` and `zone` (an IANA name) exactly once. Then either one `always_open` line (24×7; no
// other day lines) or:
//   weekday DAYS PERIOD...            DAYS: mon…sun, a range (mon-fri) or a list (mon,wed-fri);
//                                     each weekday at most once; unlisted weekdays are closed
//   holiday DATE [DATE] [NAME]        an inclusive range of at most 31 days
//   workday DATE [DATE] [PERIOD...] [NAME]   adjusted working day(s), default Monday's hours
//   covers YEAR                       the last year whose holidays are entered (at most once;
//                                     default: the last year of any holiday or workday line)
// PERIOD is HH:MM-HH:MM (or HH:MM:SS), local time, end exclusive, 24:00 allowed as an end; DATE
// is YYYY-MM-DD; NAME is the rest of the line and must not start with a digit (so a mistyped
// date or period is an error, not a name). A date is set by one line only. Errors are
// INVALID_ARGUMENT and start with "line N: ".

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "libs/calendar/business_calendar.h"

namespace hotline::calendar {

// Only the syntax and each line's own consistency; BusinessCalendar::Create checks the whole.
absl::StatusOr<CalendarSpec> ParseCalendarSpec(absl::string_view text);

// ParseCalendarSpec, then BusinessCalendar::Create.
absl::StatusOr<BusinessCalendar> ParseCalendar(absl::string_view text);

// The text form, which ParseCalendarSpec reads back to an equal spec: weekdays with equal hours
// and consecutive dates with equal kind, hours and name are grouped. Sub-second period bounds
// are not representable and are dropped; names must follow the NAME rule above.
std::string FormatCalendarSpec(const CalendarSpec& spec);

}  // namespace hotline::calendar
