#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "libs/pg/pg_pool.h"
#include "services/routing/rules/routing_rules.h"

namespace hotline::routing {

// The places another instance serves, as provincial transfer publishes them.
class DelegatedRegionSource {
 public:
  virtual ~DelegatedRegionSource() = default;
  virtual absl::StatusOr<std::vector<DelegatedRegion>> Load() const = 0;
};

// Reads transfer's view transfer_delegated_regions (its one published contract; read-only here),
// in a transaction of its own.
class PgDelegatedRegionSource final : public DelegatedRegionSource {
 public:
  explicit PgDelegatedRegionSource(pg::PgPool& pool) : pool_(pool) {}
  absl::StatusOr<std::vector<DelegatedRegion>> Load() const override;

 private:
  pg::PgPool& pool_;
};

}  // namespace hotline::routing
