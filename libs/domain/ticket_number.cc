#include "libs/domain/ticket_number.h"

#include <limits>
#include <optional>
#include <tuple>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace hotline::domain {
namespace {

constexpr size_t kMinPrefixDigits = 2;
constexpr size_t kMaxPrefixDigits = 12;
constexpr size_t kDateDigits = 8;
constexpr size_t kMinSequenceDigits = 6;

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool ValidPrefix(std::string_view prefix) {
  return prefix.size() >= kMinPrefixDigits && prefix.size() <= kMaxPrefixDigits &&
         AllDigits(prefix);
}

// Digits only (no sign, no spaces: absl::SimpleAtoi would accept those); nullopt on overflow.
std::optional<int64_t> ParseDigits(std::string_view digits) {
  int64_t value = 0;
  for (char c : digits) {
    const int digit = c - '0';
    if (value > (std::numeric_limits<int64_t>::max() - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

absl::Status Malformed(std::string_view text, std::string_view why) {
  // Input comes from callers; escape it so a bad byte cannot garble the message or a log line.
  return absl::InvalidArgumentError(
      absl::StrFormat("malformed ticket number \"%s\": %s",
                      absl::CHexEscape(absl::string_view(text.data(), text.size())), why));
}

}  // namespace

bool operator<(const TicketNumber& a, const TicketNumber& b) {
  return std::tie(a.day, a.sequence, a.prefix) < std::tie(b.day, b.sequence, b.prefix);
}

absl::StatusOr<std::string> FormatTicketNumber(const TicketNumber& number) {
  if (!ValidPrefix(number.prefix)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "ticket number prefix \"", absl::CHexEscape(number.prefix), "\" must be 2 to 12 digits"));
  }
  if (number.sequence < 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("ticket number sequence must be at least 1, not ", number.sequence));
  }
  // The date field is exactly eight digits, so only four-digit years can be written.
  if (number.day.year() < 0 || number.day.year() > 9999) {
    return absl::InvalidArgumentError(
        absl::StrCat("ticket number year ", number.day.year(), " does not fit in four digits"));
  }
  return absl::StrFormat("%s-%04d%02d%02d-%06d", number.prefix, number.day.year(),
                         number.day.month(), number.day.day(), number.sequence);
}

absl::StatusOr<TicketNumber> ParseTicketNumber(std::string_view text) {
  const size_t first_dash = text.find('-');
  const size_t second_dash = first_dash == text.npos ? text.npos : text.find('-', first_dash + 1);
  if (second_dash == text.npos || text.find('-', second_dash + 1) != text.npos) {
    return Malformed(text, "expected <prefix>-<YYYYMMDD>-<sequence>");
  }
  const std::string_view prefix = text.substr(0, first_dash);
  const std::string_view date = text.substr(first_dash + 1, second_dash - first_dash - 1);
  const std::string_view sequence = text.substr(second_dash + 1);

  if (!ValidPrefix(prefix)) return Malformed(text, "prefix must be 2 to 12 digits");
  if (date.size() != kDateDigits || !AllDigits(date)) {
    return Malformed(text, "date must be eight digits YYYYMMDD");
  }
  const int64_t year = *ParseDigits(date.substr(0, 4));
  const int month = static_cast<int>(*ParseDigits(date.substr(4, 2)));
  const int day_of_month = static_cast<int>(*ParseDigits(date.substr(6, 2)));
  // CivilDay normalises out-of-range fields (month 13 → next January), so compare back.
  const absl::CivilDay day(year, month, day_of_month);
  if (day.year() != year || day.month() != month || day.day() != day_of_month) {
    return Malformed(text, "date is not a calendar day");
  }

  if (sequence.size() < kMinSequenceDigits || !AllDigits(sequence)) {
    return Malformed(text, "sequence must be at least six digits");
  }
  // Only the canonical spelling is accepted, so two strings never name the same ticket.
  if (sequence.size() > kMinSequenceDigits && sequence[0] == '0') {
    return Malformed(text, "sequence wider than six digits must not start with 0");
  }
  const std::optional<int64_t> value = ParseDigits(sequence);
  if (!value.has_value()) return Malformed(text, "sequence is too large");
  if (*value < 1) return Malformed(text, "sequence must be at least 1");

  return TicketNumber{std::string(prefix), day, *value};
}

absl::CivilDay ServiceDay(absl::Time instant, absl::TimeZone zone) {
  return absl::ToCivilDay(instant, zone);
}

}  // namespace hotline::domain
