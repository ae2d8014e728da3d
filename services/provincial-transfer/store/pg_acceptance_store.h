#pragma once

#include "services/provincial-transfer/store/acceptance_store.h"

namespace hotline::transfer {

class PgAcceptanceStore final : public AcceptanceStore {
 public:
  void Watch(Transaction& tx, const AcceptanceWatchRow& row) const override;
  void MarkAnswered(Transaction& tx, int64_t ticket_id, absl::Time at) const override;
  std::vector<AcceptanceWatchRow> Overdue(Transaction& tx, absl::Time now,
                                          int limit) const override;
  void MarkFlagged(Transaction& tx, int64_t ticket_id, const std::string& peer,
                   absl::Time at) const override;
  std::map<std::string, int64_t> UnacknowledgedByPeer(Transaction& tx) const override;
  std::vector<AcceptanceWatchRow> WatchesOf(Transaction& tx, int64_t ticket_id) const override;
};

}  // namespace hotline::transfer
