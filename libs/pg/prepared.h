#pragma once

#include <pqxx/connection_base>
#include <pqxx/result>
#include <pqxx/transaction_base>
#include <string>
#include <utility>

namespace hotline::pg {

// The name under which `sql` is prepared on `conn`, defining it there on first use. Names derive
// from the text, so a call site needs no registry and two sites with one text share a plan.
std::string PrepareOnce(pqxx::connection_base& conn, const std::string& sql);

// Runs a statement of fixed text as a prepared statement of the transaction's connection, so
// PostgreSQL plans it once per connection instead of on every call (on the dispatch path planning
// took as long as executing). For the hot statements; keep exec_params for one-off ones and those
// whose best plan depends on the parameters' values.
template <typename... Args>
pqxx::result Prepared(pqxx::transaction_base& tx, const std::string& sql, Args&&... args) {
  return tx.exec_prepared(PrepareOnce(tx.conn(), sql), std::forward<Args>(args)...);
}

// The same for a statement that returns exactly one row (pqxx::unexpected_rows otherwise).
template <typename... Args>
pqxx::row Prepared1(pqxx::transaction_base& tx, const std::string& sql, Args&&... args) {
  pqxx::result rows = Prepared(tx, sql, std::forward<Args>(args)...);
  if (rows.size() != 1) {
    throw pqxx::unexpected_rows("expected 1 row from a prepared statement, got " +
                                std::to_string(rows.size()));
  }
  return rows[0];
}

}  // namespace hotline::pg
