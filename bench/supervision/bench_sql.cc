#include "bench/supervision/bench_sql.h"

#include <pqxx/nontransaction>

#include "absl/strings/str_cat.h"
#include "libs/pg/pg_pool.h"
#include "tests/support/core/fail.h"

namespace hotline::bench {
using support::Fail;

Sql::Sql(const std::string& url) {
  auto conn = pg::OpenConnection(url);
  if (!conn.ok()) Fail(std::string(conn.status().message()));
  conn_ = std::move(*conn);
}

pqxx::result Sql::Exec(const std::string& sql) {
  try {
    return pqxx::nontransaction(*conn_).exec(sql);
  } catch (const std::exception& e) {
    Fail(absl::StrCat(e.what(), "\n  in: ", sql.substr(0, 300)));
  }
}

int64_t Sql::Int(const std::string& sql) {
  const pqxx::result r = Exec(sql);
  return r.empty() || r[0][0].is_null() ? 0 : r[0][0].as<int64_t>();
}

}  // namespace hotline::bench
