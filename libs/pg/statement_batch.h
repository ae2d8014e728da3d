#pragma once

#include <cstdint>
#include <pqxx/result>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

namespace hotline::pg {

// Data-modifying statements of one transaction that read nothing the others write (a batch's
// inserts), run as one statement in one round trip instead of one each: all but the last become
// WITH clauses of the last, their $n placeholders renumbered, and the whole is a prepared
// statement with bound parameters (see Prepared), so no value enters the SQL text or the server
// log. Each must be an INSERT, UPDATE or DELETE without dollar quoting; they all see the
// snapshot from before any of them, and foreign keys between their rows are checked at the end.
class StatementBatch {
 public:
  explicit StatementBatch(pqxx::transaction_base& tx) : tx_(tx) {}

  // Adds a statement; arguments are strings, integers or booleans.
  template <typename... Args>
  void Add(const std::string& sql, const Args&... args) {
    Statement& s = statements_.emplace_back();
    s.sql = sql;
    (s.params.push_back(Text(args)), ...);
  }

  bool empty() const { return statements_.empty(); }

  // Runs the statements added since the last Run; the result is the last one's (its RETURNING).
  pqxx::result Run();

 private:
  struct Statement {
    std::string sql;
    std::vector<std::string> params;
  };
  static std::string Text(const std::string& value) { return value; }
  static std::string Text(int64_t value) { return std::to_string(value); }
  static std::string Text(int value) { return std::to_string(value); }
  static std::string Text(bool value) { return value ? "true" : "false"; }

  pqxx::transaction_base& tx_;
  std::vector<Statement> statements_;
};

// `sql` with every placeholder $n made $(n + offset).
std::string RenumberPlaceholders(const std::string& sql, int offset);

}  // namespace hotline::pg
