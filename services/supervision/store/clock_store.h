#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "libs/common/transaction.h"
#include "services/supervision/rules/clock_row.h"

namespace hotline::supervision {

// Open (running) clocks in a region, for the office's lists, keyset-paged by (due_at, id).
struct ClockPage {
  absl::Time from;   // due_at >= from
  absl::Time until;  // due_at < until
  std::optional<std::pair<absl::Time, int64_t>> after;
  int kind = 0;  // 0 = all
  int limit = 50;
};

// The ticket clocks, inside the caller's transaction. PgClockStore keeps them in
// supervision_clocks.
class ClockStore {
 public:
  virtual ~ClockStore() = default;

  // Inserts unless a live clock of the same ticket, kind and assignment exists; returns the row
  // with its id, or nullopt when one was there already.
  virtual std::optional<ClockRow> Insert(Transaction& tx, const ClockRow& row) = 0;
  // Writes the mutable columns (state, unit, times, steps) of many clocks at once.
  virtual void SaveMany(Transaction& tx, const std::vector<ClockRow>& rows) = 0;
  void Save(Transaction& tx, const ClockRow& row) { SaveMany(tx, {row}); }
  // The ticket's clocks that are not stopped, oldest first, locked.
  virtual std::vector<ClockRow> Live(Transaction& tx, int64_t ticket_id) = 0;
  // All the ticket's clocks, newest first.
  virtual std::vector<ClockRow> OfTicket(Transaction& tx, int64_t ticket_id) = 0;
  // Running clocks whose next rung is due at `now`, oldest first, locked; rows another sweeper
  // holds are skipped.
  virtual std::vector<ClockRow> ClaimDue(Transaction& tx, absl::Time now, int limit) = 0;
  // Running clocks of the region (prefix) in the page's window, by (due_at, id).
  virtual std::vector<ClockRow> Open(Transaction& tx, const std::string& region_prefix,
                                     const ClockPage& page) = 0;
};

}  // namespace hotline::supervision
