#pragma once

#include <optional>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "services/reporting/app/drift_check.h"
#include "services/reporting/store/event_history.h"
#include "services/reporting/store/rollup_tables.h"

namespace hotline::reporting {

struct RollupStatusView {
  std::optional<absl::Time> last_event_at;    // the newest event reporting counts
  std::optional<absl::Time> last_applied_at;  // the newest event it has applied
  // last_event_at − last_applied_at (zero when caught up); with nothing applied yet, how long
  // the newest event has waited.
  absl::Duration lag;
  std::optional<DriftResult> drift;  // the last drift check; nullopt before the first
};

// GetRollupStatus: how far the rollups are behind the ticket core's history.
class RollupStatusQuery {
 public:
  RollupStatusQuery(TransactionRunner& transactions, RollupTables& tables, EventHistory& history,
                    const Clock& clock, const DriftCheck* drift = nullptr)
      : transactions_(transactions),
        tables_(tables),
        history_(history),
        clock_(clock),
        drift_(drift) {}

  absl::StatusOr<RollupStatusView> Get();

 private:
  TransactionRunner& transactions_;
  RollupTables& tables_;
  EventHistory& history_;
  const Clock& clock_;
  const DriftCheck* const drift_;
};

}  // namespace hotline::reporting
