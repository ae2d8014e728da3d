#pragma once

#include "services/supervision/store/clock_store.h"

namespace hotline::supervision {

// ClockStore on PostgreSQL (supervision_clocks, migration 0009). The hot statements are prepared
// once per connection; the sweep claims through the partial index on next_fire_at.
class PgClockStore final : public ClockStore {
 public:
  std::optional<ClockRow> Insert(Transaction& tx, const ClockRow& row) override;
  void SaveMany(Transaction& tx, const std::vector<ClockRow>& rows) override;
  std::vector<ClockRow> Live(Transaction& tx, int64_t ticket_id) override;
  std::vector<ClockRow> OfTicket(Transaction& tx, int64_t ticket_id) override;
  std::vector<ClockRow> ClaimDue(Transaction& tx, absl::Time now, int limit) override;
  std::vector<ClockRow> Open(Transaction& tx, const std::string& region_prefix,
                             const ClockPage& page) override;
};

}  // namespace hotline::supervision
