#pragma once

// Internal to the calendar library: the words of the text format, shared by parser and printer.

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "libs/calendar/business_calendar.h"

namespace hotline::calendar::text {

inline constexpr const char* kWeekdayNames[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// Monday = 0 … Sunday = 6, or nullopt.
std::optional<int> ParseWeekday(absl::string_view word);

// Strictly YYYY-MM-DD naming a real date.
std::optional<absl::CivilDay> ParseDate(absl::string_view word);
// The shape of a date, valid or not: NNNN-NN-NN.
bool LooksLikeDate(absl::string_view word);

// HH:MM-HH:MM or with seconds; bounds within 00:00-24:00, nothing else checked.
std::optional<WorkingPeriod> ParsePeriod(absl::string_view word);
// Starts with a digit and has a ':' — what a period is meant to be.
bool LooksLikePeriod(absl::string_view word);

std::string FormatPeriod(const WorkingPeriod& period);
std::string FormatDate(absl::CivilDay day);

}  // namespace hotline::calendar::text
