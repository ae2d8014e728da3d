#pragma once

#include <cstdint>
#include <vector>

#include "libs/common/transaction.h"

namespace hotline::reporting {

struct StateCount {
  int state = 0;  // hotline.common.v1.TicketState
  int64_t tickets = 0;
};

struct TierCount {
  int code_digits = 0;  // of the division code the lead unit's id begins with; 0 = none
  int64_t tickets = 0;
};

// Levels for the business gauges, from reporting's own ticket rows (reporting_tickets). Both read
// only the open tickets (a partial index, migration 0030), never the closed history.
class GaugeStore {
 public:
  virtual ~GaugeStore() = default;
  // Open tickets by their last state.
  virtual std::vector<StateCount> OpenByState(Transaction& tx) = 0;
  // Open tickets whose handling clock went overdue, by the tier of their lead unit.
  virtual std::vector<TierCount> OverdueByTier(Transaction& tx) = 0;
};

}  // namespace hotline::reporting
