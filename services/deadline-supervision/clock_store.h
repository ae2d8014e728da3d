#pragma once

#include <cstdint>
#include <optional>
#include <pqxx/transaction>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "services/deadline-supervision/deadline_rules.h"

namespace hotline::supervision {

// Numbers mirror hotline.supervision.v1.ClockState.
enum class ClockState : int { kRunning = 1, kPaused = 2, kStopped = 3 };

// A row of supervision_clocks.
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

// SQL on supervision_clocks, inside the caller's transaction (a pg::Transact body).

// Inserts unless a live clock of the same ticket, kind and assignment exists; returns the row
// with its id, or nullopt when one was there already.
std::optional<ClockRow> InsertClock(pqxx::work& tx, ClockRow row);
// Writes the mutable columns (state, unit, times, steps), of many clocks in one statement.
void SaveClocks(pqxx::work& tx, const std::vector<ClockRow>& rows);
void SaveClock(pqxx::work& tx, const ClockRow& row);
// The ticket's clocks that are not stopped, locked.
std::vector<ClockRow> LiveClocks(pqxx::work& tx, int64_t ticket_id);
// All the ticket's clocks, newest first.
std::vector<ClockRow> ClocksOfTicket(pqxx::transaction_base& tx, int64_t ticket_id);
// Running clocks whose next rung is due at `now`, oldest first, locked; rows another sweeper
// holds are skipped.
std::vector<ClockRow> ClaimDue(pqxx::work& tx, absl::Time now, int limit);

// Open (running) clocks in a region, for the office's lists, keyset-paged by (due_at, id).
struct ClockPage {
  absl::Time from;   // due_at >= from
  absl::Time until;  // due_at < until
  std::optional<std::pair<absl::Time, int64_t>> after;
  int kind = 0;  // 0 = all
  int limit = 50;
};
std::vector<ClockRow> OpenClocks(pqxx::transaction_base& tx, const std::string& region_prefix,
                                 const ClockPage& page);

hotline::supervision::v1::Clock ClockToProto(const ClockRow& row, absl::Time now);

}  // namespace hotline::supervision
