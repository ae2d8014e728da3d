#pragma once

#include "services/reporting/store/drift_store.h"

namespace hotline::reporting {

// DriftStore over reporting_counts, reporting_tickets and the ticket core's ticket_events.
class PgDriftStore final : public DriftStore {
 public:
  std::vector<SampledCell> SampleCells(Transaction& tx, absl::CivilDay day, int limit,
                                       int64_t seed) override;
  std::vector<int64_t> TicketsWithEvents(Transaction& tx, const Dimensions& dims, absl::Time from,
                                         absl::Time to) override;
};

}  // namespace hotline::reporting
