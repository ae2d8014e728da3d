#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace hotline::pg {

// One numbered file of deploy/migrations: NNNN_name.sql.
struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// The migrations compiled into this binary (hotline_migrations target), in version order.
const std::vector<Migration>& EmbeddedMigrations();

// Applies every migration not yet recorded in schema_migrations, each in its own transaction,
// while holding a PostgreSQL advisory lock: replicas starting together apply each exactly once.
// A recorded migration whose text changed since (checksum differs) is FAILED_PRECONDITION:
// migrations are append-only.
absl::Status ApplyMigrations(const std::string& pg_url, const std::vector<Migration>& migrations);

// Whether every migration is recorded with its text unchanged, changing nothing: what a service
// checks at start when it does not migrate (its login may not). FAILED_PRECONDITION names the
// first missing one.
absl::Status CheckMigrated(const std::string& pg_url, const std::vector<Migration>& migrations);

// FNV-1a 64 of the SQL text, hex; what schema_migrations records.
std::string MigrationChecksum(std::string_view sql);

}  // namespace hotline::pg
