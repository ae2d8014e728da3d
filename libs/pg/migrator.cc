#include "libs/pg/migrator.h"

#include <cstdint>
#include <pqxx/nontransaction>
#include <pqxx/result>
#include <pqxx/transaction>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
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
constexpr char kHasSchemaTable[] = "SELECT to_regclass('schema_migrations') IS NOT NULL";
constexpr char kRecord[] =
    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)";
// Migration 0049's grants to the services' role; present from then on.
constexpr char kHasGrantRoutine[] =
    "SELECT to_regprocedure('hotline_grant_service_rights()') IS NOT NULL";
constexpr char kGrant[] = "SELECT hotline_grant_service_rights()";

// The embedded migrations the database has not recorded, in order; an error when a recorded one
// differs from its text here.
absl::StatusOr<std::vector<const Migration*>> Pending(pqxx::connection& conn,
                                                      const std::vector<Migration>& migrations) {
  absl::flat_hash_map<int, std::string> applied;
  if (pqxx::nontransaction(conn).exec1(kHasSchemaTable)[0].as<bool>()) {
    for (const auto& row : pqxx::nontransaction(conn).exec(kSelectApplied)) {
      applied[row[0].as<int>()] = row[1].as<std::string>();
    }
  }
  std::vector<const Migration*> pending;
  for (const Migration& m : migrations) {
    auto it = applied.find(m.version);
    if (it == applied.end()) {
      pending.push_back(&m);
    } else if (it->second != MigrationChecksum(m.sql)) {
      return absl::FailedPreconditionError(absl::StrFormat(
          "migration %04d_%s was changed after it was applied; add a new migration instead",
          m.version, m.name));
    }
  }
  return pending;
}

// Nothing pending makes no change at all, so a service logging in as the services' role (which
// may not create tables) starts on a migrated database whatever --migrate_on_start says.
absl::Status ApplyLocked(pqxx::connection& conn, const std::vector<Migration>& migrations) {
  absl::StatusOr<std::vector<const Migration*>> pending = Pending(conn, migrations);
  if (!pending.ok() || pending->empty()) return pending.status();
  pqxx::nontransaction(conn).exec(kCreateTable);
  for (const Migration* m : *pending) {
    pqxx::work tx(conn);
    tx.exec(std::string(m->sql));
    tx.exec_params(kRecord, m->version, std::string(m->name), MigrationChecksum(m->sql));
    tx.commit();
    log::Info("migration applied", {{"version", m->version}, {"name", m->name}});
  }
  if (pqxx::nontransaction(conn).exec1(kHasGrantRoutine)[0].as<bool>()) {
    pqxx::nontransaction(conn).exec(kGrant);
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

absl::Status CheckMigrated(const std::string& pg_url, const std::vector<Migration>& migrations) {
  auto conn = OpenConnection(pg_url);
  if (!conn.ok()) return conn.status();
  try {
    absl::StatusOr<std::vector<const Migration*>> pending = Pending(**conn, migrations);
    if (!pending.ok() || pending->empty()) return pending.status();
    const Migration& first = *pending->front();
    return absl::FailedPreconditionError(absl::StrFormat(
        "the database lacks %d migration(s) from %04d_%s on: run `hotline-admin migrate` with "
        "the login that owns the schema",
        pending->size(), first.version, first.name));
  } catch (const std::exception& e) {
    return StatusFromException(e);
  }
}

}  // namespace hotline::pg
