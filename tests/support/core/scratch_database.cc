#include "tests/support/core/scratch_database.h"

#include <exception>
#include <pqxx/nontransaction>
#include <pqxx/result>

#include "libs/pg/migrator.h"
#include "libs/pg/pg_pool.h"

namespace hotline::support {

std::string WithDatabase(const std::string& url, const std::string& db) {
  // The query may hold paths (sslrootcert=/…): the database is the last segment before it.
  const size_t query = url.find('?');
  const size_t slash = url.rfind('/', query == std::string::npos ? std::string::npos : query);
  return url.substr(0, slash + 1) + db + (query == std::string::npos ? "" : url.substr(query));
}

absl::Status ExecOutsideTransaction(const std::string& url, const std::string& sql) {
  auto conn = pg::OpenConnection(url);
  if (!conn.ok()) return conn.status();
  try {
    pqxx::nontransaction(**conn).exec(sql);
  } catch (const std::exception& e) {
    return absl::InternalError(sql + ": " + e.what());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> QueryOne(const std::string& url, const std::string& sql) {
  auto conn = pg::OpenConnection(url);
  if (!conn.ok()) return conn.status();
  try {
    const pqxx::result rows = pqxx::nontransaction(**conn).exec(sql);
    return rows.empty() || rows[0][0].is_null() ? "" : rows[0][0].as<std::string>();
  } catch (const std::exception& e) {
    return absl::InternalError(sql + ": " + e.what());
  }
}

absl::StatusOr<std::string> CreateScratchDatabase(const std::string& server_url,
                                                  const std::string& name, bool migrate) {
  if (absl::Status s = ExecOutsideTransaction(server_url, "CREATE DATABASE " + name); !s.ok()) {
    return s;
  }
  const std::string url = WithDatabase(server_url, name);
  if (migrate) {
    if (absl::Status s = pg::ApplyMigrations(url, pg::EmbeddedMigrations()); !s.ok()) {
      DropScratchDatabase(server_url, name);
      return s;
    }
  }
  return url;
}

void DropScratchDatabase(const std::string& server_url, const std::string& name) {
  (void)ExecOutsideTransaction(server_url, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

}  // namespace hotline::support
