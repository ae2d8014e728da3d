#pragma once

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "hotline/routing/v1/routing.pb.h"
#include "libs/common/transaction.h"
#include "services/routing/app/directory_cache.h"
#include "services/routing/store/directory_store.h"

namespace hotline::routing {

// A catalogue rule as stored, and the directory version this replica routes with after the write.
struct RuleWritten {
  hotline::routing::v1::CatalogueRule rule;
  int64_t directory_version = 0;
};

// Department types and the dispatch catalogue (派单目录), one row at a time. Writes return the
// directory version this replica routes with afterwards.
class CatalogueAdmin {
 public:
  CatalogueAdmin(TransactionRunner& transactions, const DirectoryStore& store,
                 DirectoryCache& directory)
      : transactions_(transactions), store_(store), directory_(directory) {}

  // Making a department functional must not strand units or rules below county.
  absl::StatusOr<int64_t> UpsertDepartmentType(const hotline::routing::v1::DepartmentType& d);
  absl::StatusOr<std::vector<hotline::routing::v1::DepartmentType>> ListDepartmentTypes();
  // Id 0: inserted or updated by its scope; otherwise the rule with that id is updated.
  absl::StatusOr<RuleWritten> UpsertRule(const hotline::routing::v1::CatalogueRule& rule);
  absl::StatusOr<int64_t> DeactivateRule(int64_t rule_id);
  absl::StatusOr<std::vector<hotline::routing::v1::CatalogueRule>> ListRules(bool include_inactive);

 private:
  TransactionRunner& transactions_;
  const DirectoryStore& store_;
  DirectoryCache& directory_;
};

}  // namespace hotline::routing
