#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "services/supervision/rules/deadline_rules.h"

namespace hotline::supervision {

// Numbers mirror hotline.supervision.v1.ClockState.
enum class ClockState : int { kRunning = 1, kPaused = 2, kStopped = 3 };

// A working-time clock of a ticket (a row of supervision_clocks).
struct ClockRow {
  int64_t id = 0;
  int64_t ticket_id = 0;
  std::string ticket_number;
  ClockKind kind = ClockKind::kHandling;
  int64_t assignment_id = 0;
  std::string unit_id;
  std::string superior_unit_id;
  std::string region_code;
  int64_t policy_id = 0;
  std::string calendar;
  Limit limit;
  double warning_point = 0;
  ClockState state = ClockState::kRunning;
  absl::Time started_at;
  absl::Time due_at;
  std::optional<absl::Time> warn_at;
  std::optional<absl::Time> paused_since;
  absl::Duration paused;
  int extensions = 0;
  Step last_step = Step::kNone;
  std::optional<absl::Time> next_fire_at;
};

// The clock as events and responses carry it; lateness is counted at `now`.
hotline::supervision::v1::Clock ClockToProto(const ClockRow& row, absl::Time now);

}  // namespace hotline::supervision
