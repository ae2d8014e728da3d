#include "libs/calendar/calendar_text.h"

#include <array>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "libs/calendar/calendar_text_lexer.h"

namespace hotline::calendar {
namespace {

// Holidays run a week or so; a longer range is more likely a typo in a year.
constexpr int kMaxRangeDays = 31;

using Words = std::vector<absl::string_view>;

absl::Status LineError(int line, absl::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat("line ", line, ": ", message));
}

// Reads the lines one by one, remembering where each thing was set for error messages.
class Parser {
 public:
  absl::Status Line(int line, const Words& words);
  absl::StatusOr<CalendarSpec> Finish() &&;

 private:
  absl::Status Code(int line, const Words& words);
  absl::Status Zone(int line, const Words& words);
  absl::Status AlwaysOpen(int line, const Words& words);
  absl::Status Weekday(int line, const Words& words);
  absl::Status Override(int line, const Words& words, DayKind kind);
  absl::Status Covers(int line, const Words& words);
  // Day lines and always_open exclude each other.
  absl::Status DayLine(int line);

  CalendarSpec spec_;
  int code_line_ = 0;
  int zone_line_ = 0;
  int always_open_line_ = 0;
  int covers_line_ = 0;
  int first_day_line_ = 0;
  std::array<int, 7> weekday_line_{};
  absl::flat_hash_map<absl::CivilDay, int> date_line_;
};

absl::Status Parser::Line(int line, const Words& words) {
  const absl::string_view keyword = words[0];
  if (keyword == "code") return Code(line, words);
  if (keyword == "zone") return Zone(line, words);
  if (keyword == "always_open") return AlwaysOpen(line, words);
  if (keyword == "weekday") return Weekday(line, words);
  if (keyword == "holiday") return Override(line, words, DayKind::kHoliday);
  if (keyword == "workday") return Override(line, words, DayKind::kWorkingDay);
  if (keyword == "covers") return Covers(line, words);
  return LineError(line, absl::StrCat("unknown keyword '", keyword,
                                      "' (expected code, zone, always_open, weekday, holiday, "
                                      "workday or covers)"));
}

absl::Status Parser::Code(int line, const Words& words) {
  if (code_line_ != 0)
    return LineError(line, absl::StrCat("code already set on line ", code_line_));
  if (words.size() != 2) return LineError(line, "expected: code NAME");
  for (char c : words[1]) {
    if (!absl::ascii_isalnum(c) && c != '-' && c != '_') {
      return LineError(line, "a code has only letters, digits, '-' and '_'");
    }
  }
  code_line_ = line;
  spec_.code = std::string(words[1]);
  return absl::OkStatus();
}

absl::Status Parser::Zone(int line, const Words& words) {
  if (zone_line_ != 0)
    return LineError(line, absl::StrCat("zone already set on line ", zone_line_));
  if (words.size() != 2) return LineError(line, "expected: zone AREA/CITY");
  // LoadTimeZone would otherwise fall back to UTC silently.
  if (!absl::LoadTimeZone(std::string(words[1]), &spec_.zone)) {
    return LineError(line, absl::StrCat("unknown time zone '", words[1], "'"));
  }
  zone_line_ = line;
  return absl::OkStatus();
}

absl::Status Parser::AlwaysOpen(int line, const Words& words) {
  if (words.size() != 1) return LineError(line, "always_open takes nothing after it");
  if (always_open_line_ != 0) {
    return LineError(line, absl::StrCat("always_open already set on line ", always_open_line_));
  }
  if (first_day_line_ != 0) {
    return LineError(
        line, absl::StrCat("always_open excludes day lines (one on line ", first_day_line_, ")"));
  }
  always_open_line_ = line;
  spec_.always_open = true;
  return absl::OkStatus();
}

absl::Status Parser::Covers(int line, const Words& words) {
  if (covers_line_ != 0) {
    return LineError(line, absl::StrCat("covers already set on line ", covers_line_));
  }
  int year = 0;
  if (words.size() != 2 || words[1].size() != 4 || !absl::SimpleAtoi(words[1], &year) ||
      year < 2000) {
    return LineError(line, "expected: covers YYYY (the last year whose holidays are entered)");
  }
  if (absl::Status status = DayLine(line); !status.ok()) return status;
  covers_line_ = line;
  spec_.covers_through_year = year;
  return absl::OkStatus();
}

absl::Status Parser::DayLine(int line) {
  if (always_open_line_ != 0) {
    return LineError(line, absl::StrCat("an always_open calendar (line ", always_open_line_,
                                        ") takes no weekday, holiday or workday lines"));
  }
  if (first_day_line_ == 0) first_day_line_ = line;
  return absl::OkStatus();
}

// Parses PERIOD words from words[*i] on, leaving *i at the first other word.
absl::StatusOr<std::vector<WorkingPeriod>> Periods(int line, const Words& words, size_t* i) {
  std::vector<WorkingPeriod> periods;
  for (; *i < words.size() && text::LooksLikePeriod(words[*i]); ++*i) {
    std::optional<WorkingPeriod> period = text::ParsePeriod(words[*i]);
    if (!period) {
      return LineError(line, absl::StrCat("bad period '", words[*i], "' (expected HH:MM-HH:MM)"));
    }
    periods.push_back(*period);
  }
  if (absl::Status status = CheckPeriods(periods); !status.ok()) {
    return LineError(line, status.message());
  }
  return periods;
}

// mon, mon-fri, mon,wed-fri → the weekday indexes.
absl::StatusOr<std::vector<int>> Days(int line, absl::string_view word) {
  std::vector<int> days;
  for (absl::string_view item : absl::StrSplit(word, ',')) {
    const std::vector<absl::string_view> range = absl::StrSplit(item, '-');
    std::optional<int> first = text::ParseWeekday(range.front());
    std::optional<int> last = text::ParseWeekday(range.back());
    if (range.size() > 2 || !first || !last || *first > *last) {
      return LineError(line, absl::StrCat("bad weekdays '", word,
                                          "' (expected e.g. mon, mon-fri, mon,wed-fri)"));
    }
    for (int d = *first; d <= *last; ++d) days.push_back(d);
  }
  return days;
}

absl::Status Parser::Weekday(int line, const Words& words) {
  if (absl::Status status = DayLine(line); !status.ok()) return status;
  if (words.size() < 3) return LineError(line, "expected: weekday DAYS HH:MM-HH:MM...");
  absl::StatusOr<std::vector<int>> days = Days(line, words[1]);
  if (!days.ok()) return days.status();
  size_t i = 2;
  absl::StatusOr<std::vector<WorkingPeriod>> periods = Periods(line, words, &i);
  if (!periods.ok()) return periods.status();
  if (i != words.size()) {
    return LineError(line, absl::StrCat("unexpected '", words[i], "' (expected a period)"));
  }
  for (int day : *days) {
    if (weekday_line_[day] != 0) {
      return LineError(line, absl::StrCat(text::kWeekdayNames[day], " already set on line ",
                                          weekday_line_[day]));
    }
    weekday_line_[day] = line;
    spec_.weekdays[day] = *periods;
  }
  return absl::OkStatus();
}

absl::Status Parser::Override(int line, const Words& words, DayKind kind) {
  if (absl::Status status = DayLine(line); !status.ok()) return status;
  size_t i = 1;
  std::optional<absl::CivilDay> first, last;
  if (i < words.size() && text::LooksLikeDate(words[i])) {
    first = text::ParseDate(words[i]);
    if (!first) return LineError(line, absl::StrCat("bad date '", words[i], "'"));
    ++i;
  }
  if (!first) return LineError(line, absl::StrCat("expected: ", words[0], " YYYY-MM-DD ..."));
  last = first;
  if (i < words.size() && text::LooksLikeDate(words[i])) {
    last = text::ParseDate(words[i]);
    if (!last) return LineError(line, absl::StrCat("bad date '", words[i], "'"));
    ++i;
  }
  if (*last < *first || *last - *first >= kMaxRangeDays) {
    return LineError(line,
                     absl::StrCat("a date range runs forward, ", kMaxRangeDays, " days at most"));
  }
  DayOverride entry{kind, {}, {}};
  if (kind == DayKind::kWorkingDay) {
    absl::StatusOr<std::vector<WorkingPeriod>> periods = Periods(line, words, &i);
    if (!periods.ok()) return periods.status();
    entry.hours = *std::move(periods);
  }
  if (i < words.size() && absl::ascii_isdigit(words[i][0])) {
    return LineError(line, absl::StrCat("unexpected '", words[i],
                                        "' (a name cannot start with a "
                                        "digit; is it a mistyped date or period?)"));
  }
  entry.name = absl::StrJoin(words.begin() + i, words.end(), " ");
  for (absl::CivilDay day = *first; day <= *last; ++day) {
    auto [it, added] = date_line_.try_emplace(day, line);
    if (!added) {
      return LineError(line,
                       absl::StrCat(text::FormatDate(day), " already set on line ", it->second));
    }
    spec_.overrides[day] = entry;
  }
  return absl::OkStatus();
}

absl::StatusOr<CalendarSpec> Parser::Finish() && {
  if (code_line_ == 0) return absl::InvalidArgumentError("missing 'code' line");
  if (zone_line_ == 0) return absl::InvalidArgumentError("missing 'zone' line");
  return std::move(spec_);
}

}  // namespace

absl::StatusOr<CalendarSpec> ParseCalendarSpec(absl::string_view text) {
  Parser parser;
  int number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++number;
    absl::ConsumeSuffix(&line, "\r");
    const Words words = absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    if (words.empty() || absl::StartsWith(words[0], "#")) continue;
    if (absl::Status status = parser.Line(number, words); !status.ok()) return status;
  }
  return std::move(parser).Finish();
}

absl::StatusOr<BusinessCalendar> ParseCalendar(absl::string_view text) {
  absl::StatusOr<CalendarSpec> spec = ParseCalendarSpec(text);
  if (!spec.ok()) return spec.status();
  return BusinessCalendar::Create(*std::move(spec));
}

}  // namespace hotline::calendar
