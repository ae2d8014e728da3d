#pragma once

#include <cstdint>

#include "absl/status/statusor.h"
#include "libs/common/transaction.h"
#include "services/reporting/app/rollup_keeper.h"
#include "services/reporting/store/event_history.h"

namespace hotline::reporting {

struct RebuildResult {
  int64_t events_replayed = 0;
  int64_t tickets = 0;
};

// RebuildRollups: replays the ticket core's whole event history, ticket by ticket in version
// order, through the same rules and the working calendar as it stands now, as the consumer,
// into fresh tables, then swaps them in — all in
// one transaction, during which the consumer waits and GetIndicators reads the old figures.
// Events the consumer takes afterwards that the history already had are not newer than the
// rebuilt rows' versions and change nothing.
class RollupRebuilder {
 public:
  RollupRebuilder(TransactionRunner& transactions, RollupStores stores, EventHistory& history,
                  const WorkingCalendar& working, int batch = 5000)
      : transactions_(transactions),
        stores_(stores),
        history_(history),
        working_(working),
        batch_(batch) {}

  absl::StatusOr<RebuildResult> Rebuild();

 private:
  TransactionRunner& transactions_;
  RollupStores stores_;
  EventHistory& history_;
  const WorkingCalendar& working_;
  const int batch_;
};

}  // namespace hotline::reporting
