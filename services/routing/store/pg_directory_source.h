#pragma once

#include "libs/pg/pg_pool.h"
#include "services/routing/store/directory_source.h"

namespace hotline::routing {

// Reads the whole directory and catalogue (active rows only) as of one consistent moment, each
// time in a transaction of its own.
absl::StatusOr<std::shared_ptr<const DirectorySnapshot>> LoadDirectory(pg::PgPool& pool,
                                                                       const Clock& clock);

class PgDirectorySource final : public DirectorySource {
 public:
  explicit PgDirectorySource(pg::PgPool& pool) : pool_(pool) {}
  absl::StatusOr<std::shared_ptr<const DirectorySnapshot>> Load(const Clock& clock) const override {
    return LoadDirectory(pool_, clock);
  }
  absl::StatusOr<int64_t> StoredVersion() const override;

 private:
  pg::PgPool& pool_;
};

}  // namespace hotline::routing
