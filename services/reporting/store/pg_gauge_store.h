#pragma once

#include "services/reporting/store/gauge_store.h"

namespace hotline::reporting {

class PgGaugeStore final : public GaugeStore {
 public:
  std::vector<StateCount> OpenByState(Transaction& tx) override;
  std::vector<TierCount> OverdueByTier(Transaction& tx) override;
};

}  // namespace hotline::reporting
