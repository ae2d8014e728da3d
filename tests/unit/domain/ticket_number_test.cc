#include "libs/domain/ticket_number.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace hotline::domain {
namespace {

TicketNumber Parsed(const std::string& text) {
  absl::StatusOr<TicketNumber> number = ParseTicketNumber(text);
  INFO(text << ": " << number.status().ToString());
  REQUIRE(number.ok());
  return *number;
}

TEST_CASE("format, parse and round-trip valid numbers", "[ticket_number]") {
  auto [prefix, day, sequence, text] =
      GENERATE(table<std::string, absl::CivilDay, int64_t, std::string>({
          {"5301", absl::CivilDay(2026, 11, 22), 123, "5301-20261122-000123"},
          {"5301", absl::CivilDay(2026, 11, 22), 1, "5301-20261122-000001"},
          {"5301", absl::CivilDay(2026, 11, 22), 999999, "5301-20261122-999999"},
          {"5301", absl::CivilDay(2026, 11, 22), 1000000, "5301-20261122-1000000"},
          {"5301", absl::CivilDay(2026, 11, 22), 123456789, "5301-20261122-123456789"},
          {"5301", absl::CivilDay(2026, 11, 22), INT64_MAX, "5301-20261122-9223372036854775807"},
          {"53", absl::CivilDay(2026, 12, 31), 42, "53-20261231-000042"},
          {"530102001001", absl::CivilDay(2027, 1, 1), 7, "530102001001-20270101-000007"},
          {"1502", absl::CivilDay(2024, 2, 29), 100000, "1502-20240229-100000"},
          {"1502", absl::CivilDay(2000, 2, 29), 10, "1502-20000229-000010"},
          {"1502", absl::CivilDay(9999, 12, 31), 10, "1502-99991231-000010"},
      }));
  CAPTURE(text);
  const TicketNumber number{prefix, day, sequence};
  const absl::StatusOr<std::string> formatted = FormatTicketNumber(number);
  REQUIRE(formatted.ok());
  CHECK(*formatted == text);
  const TicketNumber parsed = Parsed(text);
  CHECK(parsed.prefix == prefix);
  CHECK(parsed.day == day);
  CHECK(parsed.sequence == sequence);
  CHECK(parsed == number);
}

TEST_CASE("format rejects what parse could not read back", "[ticket_number]") {
  auto [prefix, day, sequence] = GENERATE(table<std::string, absl::CivilDay, int64_t>({
      {"", absl::CivilDay(2026, 11, 22), 1},
      {"5", absl::CivilDay(2026, 11, 22), 1},
      {"5301020010011", absl::CivilDay(2026, 11, 22), 1},
      {"53a1", absl::CivilDay(2026, 11, 22), 1},
      {"53-1", absl::CivilDay(2026, 11, 22), 1},
      {" 5301", absl::CivilDay(2026, 11, 22), 1},
      {"5301", absl::CivilDay(2026, 11, 22), 0},
      {"5301", absl::CivilDay(2026, 11, 22), -1},
      {"5301", absl::CivilDay(2026, 11, 22), INT64_MIN},
      {"5301", absl::CivilDay(10000, 1, 1), 1},
      {"5301", absl::CivilDay(-1, 1, 1), 1},
  }));
  CAPTURE(prefix, sequence);
  const absl::StatusOr<std::string> formatted = FormatTicketNumber({prefix, day, sequence});
  CHECK(formatted.status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("parse rejects every non-canonical spelling", "[ticket_number]") {
  const std::string text = GENERATE(
      as<std::string>{},
      // Shape and separators.
      "", "5301", "5301-20261122", "5301-20261122-000123-1", "5301_20261122_000123",
      "5301/20261122/000123", "5301 20261122 000123", "5301--20261122-000123",
      "5301-20261122--000123", "-20261122-000123", "5301-20261122-", "5301--000123",
      "53012026112200012",
      // Prefix.
      "5-20261122-000123", "5301020010011-20261122-000123", "53a1-20261122-000123",
      "+5301-20261122-000123",
      // Dates.
      "5301-20261332-000123", "5301-20261301-000123", "5301-20260001-000123",
      "5301-20260100-000123", "5301-20260431-000123", "5301-20250229-000123",
      "5301-21000229-000123", "5301-2026112-000123", "5301-202611220-000123",
      "5301-2026-11-22-000123", "5301-+2026112-000123", "5301-2026112a-000123",
      // Sequences.
      "5301-20261122-000000", "5301-20261122-0", "5301-20261122-00123", "5301-20261122-123",
      "5301-20261122-0000123", "5301-20261122-01000000", "5301-20261122-+00123",
      "5301-20261122-+000123", "5301-20261122-00012a", "5301-20261122-0x0123",
      "5301-20261122-9223372036854775808", "5301-20261122-99999999999999999999",
      "5301-20261122-\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93",
      // Whitespace anywhere.
      " 5301-20261122-000123", "5301-20261122-000123 ", "5301-20261122-000123\n",
      "5301-20261122- 00123", "5301-20261122-00123 ", "5301- 0261122-000123");
  CAPTURE(text);
  const absl::StatusOr<TicketNumber> number = ParseTicketNumber(text);
  REQUIRE_FALSE(number.ok());
  CHECK(number.status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("ticket numbers order by day, then sequence, then prefix", "[ticket_number]") {
  auto [earlier, later] = GENERATE(table<std::string, std::string>({
      {"5301-20261122-999999", "5301-20261122-1000000"},
      {"5301-20261122-000009", "5301-20261122-000010"},
      {"5301-20261121-999999", "5301-20261122-000001"},
      {"5301-20261231-9999999", "5301-20270101-000001"},
      {"5302-20261121-000500", "5301-20261122-000001"},
      {"5302-20261122-000001", "5301-20261122-000002"},
      {"5301-20261122-000001", "5302-20261122-000001"},
      {"53-20261122-000001", "5301-20261122-000001"},
  }));
  CAPTURE(earlier, later);
  const TicketNumber a = Parsed(earlier);
  const TicketNumber b = Parsed(later);
  CHECK(a < b);
  CHECK_FALSE(b < a);
  CHECK_FALSE(a < a);
  CHECK_FALSE(a == b);
}

TEST_CASE("sorting numbers puts them in time order", "[ticket_number]") {
  const std::vector<std::string> in_order = {
      "5301-20261121-000002", "5301-20261122-000001", "5302-20261122-000001",
      "5301-20261122-000002", "5301-20261122-999999", "5301-20261122-1000000",
      "5301-20270101-000001",
  };
  std::vector<TicketNumber> numbers;
  for (auto it = in_order.rbegin(); it != in_order.rend(); ++it) numbers.push_back(Parsed(*it));
  std::sort(numbers.begin(), numbers.end());
  for (size_t i = 0; i < in_order.size(); ++i) {
    CAPTURE(i);
    CHECK(*FormatTicketNumber(numbers[i]) == in_order[i]);
  }
}

TEST_CASE("service day is the calendar day in the hotline's zone", "[ticket_number]") {
  absl::TimeZone shanghai;
  REQUIRE(absl::LoadTimeZone("Asia/Shanghai", &shanghai));

  auto [utc, day] = GENERATE(table<std::string, absl::CivilDay>({
      {"2026-12-31T16:30:00Z", absl::CivilDay(2027, 1, 1)},
      {"2026-12-31T16:00:00Z", absl::CivilDay(2027, 1, 1)},
      {"2026-12-31T15:59:59Z", absl::CivilDay(2026, 12, 31)},
      {"2026-11-21T16:00:00Z", absl::CivilDay(2026, 11, 22)},
      {"2026-11-22T00:00:00Z", absl::CivilDay(2026, 11, 22)},
      {"2026-11-22T15:59:59Z", absl::CivilDay(2026, 11, 22)},
      {"2024-02-28T16:00:00Z", absl::CivilDay(2024, 2, 29)},
      {"2025-02-28T16:00:00Z", absl::CivilDay(2025, 3, 1)},
      {"1999-12-31T16:00:00Z", absl::CivilDay(2000, 1, 1)},
  }));
  CAPTURE(utc);
  absl::Time instant;
  std::string error;
  REQUIRE(absl::ParseTime(absl::RFC3339_full, utc, &instant, &error));
  CHECK(ServiceDay(instant, shanghai) == day);
}

TEST_CASE("the zone decides the day", "[ticket_number]") {
  absl::TimeZone shanghai;
  REQUIRE(absl::LoadTimeZone("Asia/Shanghai", &shanghai));
  const absl::Time instant =
      absl::FromCivil(absl::CivilSecond(2026, 12, 31, 16, 30, 0), absl::UTCTimeZone());
  CHECK(ServiceDay(instant, absl::UTCTimeZone()) == absl::CivilDay(2026, 12, 31));
  CHECK(ServiceDay(instant, shanghai) == absl::CivilDay(2027, 1, 1));
}

}  // namespace
}  // namespace hotline::domain
