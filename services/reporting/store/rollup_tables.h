#pragma once

#include <optional>

#include "absl/time/time.h"
#include "libs/common/transaction.h"

namespace hotline::reporting {

// The rollup tables as a whole: the rebuild's fresh copies and their swap, and the consumer's
// progress.
class RollupTables {
 public:
  virtual ~RollupTables() = default;
  // Stops the consumer writing to the live tables for the rest of the transaction (readers go
  // on reading them), then makes fresh, empty copies that the counter and facts stores write to
  // in this transaction instead of the live ones.
  virtual void StartFresh(Transaction& tx) = 0;
  // Replaces the live tables' rows with the fresh copies' (readers wait for this step only).
  virtual void SwapIn(Transaction& tx) = 0;

  // The consumer applied an event of `partition` that happened at `at`.
  virtual void RecordProgress(Transaction& tx, int partition, absl::Time at) = 0;
  // The occurrence time of the newest event applied; nullopt before any.
  virtual std::optional<absl::Time> LastApplied(Transaction& tx) = 0;
};

}  // namespace hotline::reporting
