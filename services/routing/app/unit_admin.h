#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "hotline/routing/v1/routing.pb.h"
#include "libs/common/transaction.h"
#include "services/routing/app/directory_cache.h"
#include "services/routing/store/directory_store.h"

namespace hotline::routing {

// A unit as stored, and the directory version this replica routes with after the write.
struct UnitWritten {
  hotline::routing::v1::Unit unit;
  int64_t directory_version = 0;
};

// The units of the directory, one at a time. Every write bumps the directory version; this
// replica reloads at once, the others within their poll interval.
class UnitAdmin {
 public:
  UnitAdmin(TransactionRunner& transactions, const DirectoryStore& store, DirectoryCache& directory)
      : transactions_(transactions), store_(store), directory_(directory) {}

  // Inserts or updates the unit by id, active. Violations name "unit.<field>".
  absl::StatusOr<UnitWritten> Upsert(const hotline::routing::v1::Unit& unit);
  // Returns the directory version.
  absl::StatusOr<int64_t> Deactivate(const std::string& unit_id);
  absl::StatusOr<hotline::routing::v1::Unit> Get(const std::string& unit_id);

 private:
  TransactionRunner& transactions_;
  const DirectoryStore& store_;
  DirectoryCache& directory_;
};

}  // namespace hotline::routing
