#pragma once

#include <atomic>
#include <cstdint>
#include <optional>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/civil_time.h"
#include "libs/common/transaction.h"
#include "libs/ticketstore/ticket_store.h"
#include "services/reporting/app/working_calendar.h"
#include "services/reporting/store/drift_store.h"
#include "services/reporting/store/event_history.h"

namespace hotline::reporting {

struct DriftResult {
  absl::CivilDay day;
  int cells_checked = 0;
  int mismatches = 0;  // cells whose live counts differ from the recomputation
};

// The drift check: a sample of one day's live cells against the same cells recomputed from the
// ticket core's event history — every ticket that may have counted in a cell replayed through the
// consumer's rules with today's calendar. A mismatch is a cell the live path got wrong (a lost or
// doubled delta, a hand edit), or one whose calendar was edited since; RebuildRollups repairs
// both. Reads only: a day's cells and their tickets' histories, never the whole history.
class DriftCheck {
 public:
  DriftCheck(TransactionRunner& transactions, DriftStore& drift, EventHistory& history,
             const ticketstore::TicketStore& tickets, const WorkingCalendar& working,
             absl::TimeZone zone)
      : transactions_(transactions),
        drift_(drift),
        history_(history),
        tickets_(tickets),
        working_(working),
        zone_(zone) {}

  // Checks up to `cells` cells of `day`; `seed` picks the sample. The result is also kept as the
  // last one (Last()).
  absl::StatusOr<DriftResult> Check(absl::CivilDay day, int cells, int64_t seed);

  // The last check's result; nullopt before the first.
  std::optional<DriftResult> Last() const;

 private:
  TransactionRunner& transactions_;
  DriftStore& drift_;
  EventHistory& history_;
  const ticketstore::TicketStore& tickets_;
  const WorkingCalendar& working_;
  const absl::TimeZone zone_;
  mutable absl::Mutex mu_;
  std::optional<DriftResult> last_ ABSL_GUARDED_BY(mu_);
};

}  // namespace hotline::reporting
