#include "libs/calendar/calendar_text_lexer.h"

#include <cstdint>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace hotline::calendar::text {
namespace {

// Exactly two ASCII digits.
std::optional<int> TwoDigits(absl::string_view s) {
  if (s.size() != 2 || !absl::ascii_isdigit(s[0]) || !absl::ascii_isdigit(s[1])) {
    return std::nullopt;
  }
  return (s[0] - '0') * 10 + (s[1] - '0');
}

// HH:MM or HH:MM:SS, at most 24:00.
std::optional<absl::Duration> ParseClock(absl::string_view s) {
  std::vector<absl::string_view> parts = absl::StrSplit(s, ':');
  if (parts.size() != 2 && parts.size() != 3) return std::nullopt;
  std::optional<int> h = TwoDigits(parts[0]);
  std::optional<int> m = TwoDigits(parts[1]);
  std::optional<int> sec = parts.size() == 3 ? TwoDigits(parts[2]) : std::optional<int>(0);
  if (!h || !m || !sec || *m > 59 || *sec > 59) return std::nullopt;
  const absl::Duration d = absl::Hours(*h) + absl::Minutes(*m) + absl::Seconds(*sec);
  if (d > absl::Hours(24)) return std::nullopt;
  return d;
}

std::string FormatClock(absl::Duration d) {
  const int64_t total = absl::ToInt64Seconds(d);
  const int64_t h = total / 3600, m = total / 60 % 60, s = total % 60;
  if (s != 0) return absl::StrFormat("%02d:%02d:%02d", h, m, s);
  return absl::StrFormat("%02d:%02d", h, m);
}

}  // namespace

std::optional<int> ParseWeekday(absl::string_view word) {
  for (int i = 0; i < 7; ++i) {
    if (word == kWeekdayNames[i]) return i;
  }
  return std::nullopt;
}

bool LooksLikeDate(absl::string_view word) {
  if (word.size() != 10) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? word[i] != '-' : !absl::ascii_isdigit(word[i])) return false;
  }
  return true;
}

std::optional<absl::CivilDay> ParseDate(absl::string_view word) {
  if (!LooksLikeDate(word)) return std::nullopt;
  const int year = std::stoi(std::string(word.substr(0, 4)));
  const int month = *TwoDigits(word.substr(5, 2));
  const int day = *TwoDigits(word.substr(8, 2));
  const absl::CivilDay civil(year, month, day);
  // CivilDay normalises 2026-02-30 to March: refuse instead.
  if (civil.year() != year || civil.month() != month || civil.day() != day) return std::nullopt;
  return civil;
}

bool LooksLikePeriod(absl::string_view word) {
  return !word.empty() && absl::ascii_isdigit(word[0]) && absl::StrContains(word, ':');
}

std::optional<WorkingPeriod> ParsePeriod(absl::string_view word) {
  std::vector<absl::string_view> bounds = absl::StrSplit(word, '-');
  if (bounds.size() != 2) return std::nullopt;
  std::optional<absl::Duration> start = ParseClock(bounds[0]);
  std::optional<absl::Duration> end = ParseClock(bounds[1]);
  if (!start || !end) return std::nullopt;
  return WorkingPeriod{*start, *end};
}

std::string FormatPeriod(const WorkingPeriod& period) {
  return FormatClock(period.start) + "-" + FormatClock(period.end);
}

std::string FormatDate(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

}  // namespace hotline::calendar::text
