#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace hotline::domain {

// A human-readable ticket number, unique per instance: "<instance prefix>-<YYYYMMDD>-<sequence>",
// e.g. "5301-20261122-000123". The sequence restarts every service day and is at least six digits
// wide (wider once a day passes 999,999). Numbers sort by time: by day, then by sequence.
struct TicketNumber {
  std::string prefix;  // the instance's division code, e.g. "5301"
  absl::CivilDay day;  // service day in the hotline's time zone
  int64_t sequence = 0;

  friend bool operator==(const TicketNumber& a, const TicketNumber& b) {
    return a.prefix == b.prefix && a.day == b.day && a.sequence == b.sequence;
  }
  // Time order: day, then sequence (then prefix, so the order is total).
  friend bool operator<(const TicketNumber& a, const TicketNumber& b);
};

// Requires a non-empty all-digit prefix of 2..12 characters and a sequence >= 1.
absl::StatusOr<std::string> FormatTicketNumber(const TicketNumber& number);
// Strict inverse of FormatTicketNumber: rejects malformed text with INVALID_ARGUMENT.
absl::StatusOr<TicketNumber> ParseTicketNumber(std::string_view text);

// The service day an instant falls on in the hotline's zone (Asia/Shanghai in production).
absl::CivilDay ServiceDay(absl::Time instant, absl::TimeZone zone);

}  // namespace hotline::domain
