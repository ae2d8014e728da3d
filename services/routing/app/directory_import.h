#pragma once

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "hotline/routing/v1/routing.pb.h"
#include "libs/common/transaction.h"
#include "services/routing/app/directory_cache.h"
#include "services/routing/store/directory_store.h"

namespace hotline::routing {

// The rows of a whole import, in the order they arrived (violations name their index).
struct DirectoryImport {
  // Deactivate the units (and, when it carries rules, the rules) the import does not carry.
  bool replace = false;
  std::vector<const hotline::routing::v1::DepartmentType*> departments;
  std::vector<const hotline::routing::v1::Unit*> units;
  std::vector<const hotline::routing::v1::CatalogueRule*> rules;
};

struct ImportCounts {
  int64_t departments = 0;
  int64_t units = 0;
  int64_t deactivated_units = 0;
  int64_t rules = 0;
  int64_t deactivated_rules = 0;
  int64_t directory_version = 0;
};

// The bulk import of the directory: every row validated (up to 200 violations reported at once,
// e.g. "units[12].department"), then one transaction writes everything, or nothing.
class DirectoryImporter {
 public:
  DirectoryImporter(TransactionRunner& transactions, const DirectoryStore& store,
                    DirectoryCache& directory)
      : transactions_(transactions), store_(store), directory_(directory) {}

  absl::StatusOr<ImportCounts> Import(const DirectoryImport& rows);

 private:
  TransactionRunner& transactions_;
  const DirectoryStore& store_;
  DirectoryCache& directory_;
};

}  // namespace hotline::routing
