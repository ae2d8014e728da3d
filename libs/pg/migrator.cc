#include "libs/pg/migrator.h"

#include <cstdint>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "libs/common/fnv.h"
#include "libs/common/log.h"
#include "libs/pg/pg_error.h"
#include "libs/pg/pg_pool.h"

namespace hotline::pg {
namespace {

// pg_advisory_lock key for "the schema is being migrated" ('hotline' + 1 in ASCII).
constexpr int64_t kMigrationLockKey = 0x686f746c696e6501;

constexpr char kCreateTable[] = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
))sql";
constexpr char kSelectApplied[] = "SELECT version, checksum FROM schema_migrations";
constexpr char kRecord[] =
    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)";

absl::Status ApplyLocked(pqxx::connection& conn, const std::vector<Migration>& migrations) {
  pqxx::nontransaction(conn).exec(kCreateTable);
  absl::flat_hash_map<int, std::string> applied;
  for (const auto& row : pqxx::nontransaction(conn).exec(kSelectApplied)) {
    applied[row[0].as<int>()] = row[1].as<std::string>();
  }
  for (const Migration& m : migrations) {
    const std::string checksum = MigrationChecksum(m.sql);
    auto it = applied.find(m.version);
    if (it != applied.end()) {
      if (it->second != checksum) {
        return absl::FailedPreconditionError(absl::StrFormat(
            "migration %04d_%s was changed after it was applied; add a new migration instead",
            m.version, m.name));
      }
      continue;
    }
    pqxx::work tx(conn);
    tx.exec(std::string(m.sql));
    tx.exec_params(kRecord, m.version, std::string(m.name), checksum);
    tx.commit();
    log::Info("migration applied", {{"version", m.version}, {"name", m.name}});
  }
  return absl::OkStatus();
}

}  // namespace

std::string MigrationChecksum(std::string_view sql) {
  return absl::StrFormat("%016x", Fnv1a64(sql));
}

absl::Status ApplyMigrations(const std::string& pg_url, const std::vector<Migration>& migrations) {
  auto conn = OpenConnection(pg_url);
  if (!conn.ok()) return conn.status();
  try {
    pqxx::nontransaction(**conn).exec_params("SELECT pg_advisory_lock($1)", kMigrationLockKey);
    absl::Status status = ApplyLocked(**conn, migrations);
    pqxx::nontransaction(**conn).exec_params("SELECT pg_advisory_unlock($1)", kMigrationLockKey);
    return status;
  } catch (const std::exception& e) {
    return StatusFromException(e);  // the lock goes with the connection
  }
}

}  // namespace hotline::pg
