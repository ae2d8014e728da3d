#pragma once

#include <cstdint>
#include <pqxx/result>
#include <pqxx/transaction_base>
#include <string>

namespace hotline::pg {

// Statements of one transaction that nothing reads until they have all run (a batch's inserts),
// sent to PostgreSQL as one query string in one round trip instead of one each. Each is a
// prepared statement (see Prepared) called with SQL EXECUTE and its arguments as literals.
class StatementBatch {
 public:
  explicit StatementBatch(pqxx::transaction_base& tx) : tx_(tx) {}

  // Adds a statement; arguments are strings, integers, booleans, or nullable C strings.
  template <typename... Args>
  void Add(const std::string& sql, const Args&... args) {
    std::string call = Call(sql);
    if constexpr (sizeof...(args) > 0) {
      call += '(';
      ((call += Literal(args), call += ','), ...);
      call.back() = ')';
    }
    text_ += call;
    text_ += ";\n";
  }

  bool empty() const { return text_.empty(); }

  // Runs the statements added since the last Run, in order; the last one's result.
  pqxx::result Run();

 private:
  // "EXECUTE <name>" of `sql`, prepared on the connection now if it is not yet.
  std::string Call(const std::string& sql);
  std::string Literal(const std::string& value) const;
  std::string Literal(const char* value) const;  // NULL when null
  static std::string Literal(int64_t value) { return std::to_string(value); }
  static std::string Literal(int value) { return std::to_string(value); }
  static std::string Literal(bool value) { return value ? "true" : "false"; }

  pqxx::transaction_base& tx_;
  std::string text_;
};

}  // namespace hotline::pg
