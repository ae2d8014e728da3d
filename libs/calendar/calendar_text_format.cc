// The printer half of calendar_text.h.

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/calendar/calendar_text.h"
#include "libs/calendar/calendar_text_lexer.h"

namespace hotline::calendar {
namespace {

std::string Periods(const std::vector<WorkingPeriod>& periods) {
  std::vector<std::string> words;
  for (const WorkingPeriod& p : periods) words.push_back(text::FormatPeriod(p));
  return absl::StrJoin(words, " ");
}

// One line per run of consecutive weekdays with the same hours (mon-fri).
void AppendWeekdays(const CalendarSpec& spec, std::string* out) {
  for (int first = 0; first < 7;) {
    int last = first;
    while (last + 1 < 7 && spec.weekdays[last + 1] == spec.weekdays[first]) ++last;
    if (!spec.weekdays[first].empty()) {
      absl::StrAppend(out, "weekday ", text::kWeekdayNames[first]);
      if (last > first) absl::StrAppend(out, "-", text::kWeekdayNames[last]);
      absl::StrAppend(out, " ", Periods(spec.weekdays[first]), "\n");
    }
    first = last + 1;
  }
}

bool SameEntry(const DayOverride& a, const DayOverride& b) {
  return a.kind == b.kind && a.hours == b.hours && a.name == b.name;
}

// One line per run of consecutive dates with the same entry, in date order.
void AppendOverrides(const CalendarSpec& spec, std::string* out) {
  std::vector<absl::CivilDay> days;
  for (const auto& [day, entry] : spec.overrides) days.push_back(day);
  std::sort(days.begin(), days.end());
  for (size_t i = 0; i < days.size();) {
    const DayOverride& entry = spec.overrides.at(days[i]);
    size_t j = i;
    while (j + 1 < days.size() && days[j + 1] == days[j] + 1 &&
           SameEntry(spec.overrides.at(days[j + 1]), entry)) {
      ++j;
    }
    const bool holiday = entry.kind == DayKind::kHoliday;
    absl::StrAppend(out, holiday ? "holiday " : "workday ", text::FormatDate(days[i]));
    if (j > i) absl::StrAppend(out, " ", text::FormatDate(days[j]));
    if (!holiday && !entry.hours.empty()) absl::StrAppend(out, " ", Periods(entry.hours));
    if (!entry.name.empty()) absl::StrAppend(out, " ", entry.name);
    absl::StrAppend(out, "\n");
    i = j + 1;
  }
}

}  // namespace

std::string FormatCalendarSpec(const CalendarSpec& spec) {
  std::string out = absl::StrCat("code ", spec.code, "\nzone ", spec.zone.name(), "\n");
  if (spec.always_open) {
    absl::StrAppend(&out, "always_open\n");
    return out;
  }
  AppendWeekdays(spec, &out);
  if (spec.covers_through_year != 0)
    absl::StrAppend(&out, "covers ", spec.covers_through_year, "\n");
  AppendOverrides(spec, &out);
  return out;
}

}  // namespace hotline::calendar
