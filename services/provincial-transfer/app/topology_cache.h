#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "libs/common/ttl_cache.h"
#include "services/provincial-transfer/rules/topology.h"
#include "services/provincial-transfer/store/topology_store.h"

namespace hotline::transfer {

// The topology this replica decides with: read from the tables and kept for `ttl`, so a change
// made through any replica applies everywhere within it, without a restart; a write through this
// replica invalidates it at once.
class TopologyCache {
 public:
  TopologyCache(TransactionRunner& transactions, const TopologyStore& store, absl::Duration ttl,
                const Clock& clock)
      : cache_(
            [&transactions, &store]() {
              return transactions.RunFor<Topology>(
                  [&store](Transaction& tx) -> absl::StatusOr<Topology> { return store.Load(tx); });
            },
            ttl, clock) {}

  absl::StatusOr<std::shared_ptr<const Topology>> Current() { return cache_.Get(); }
  // Never loads: for threads that must not wait on the database (gRPC callbacks).
  std::shared_ptr<const Topology> Fresh() const { return cache_.Fresh(); }
  void Invalidate() { cache_.Invalidate(); }

 private:
  TtlCache<Topology> cache_;
};

}  // namespace hotline::transfer
