#include "libs/pg/statement_batch.h"

#include <pqxx/prepared_statement>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/pg/prepared.h"

namespace hotline::pg {

std::string RenumberPlaceholders(const std::string& sql, int offset) {
  std::string out;
  out.reserve(sql.size() + 16);
  for (size_t i = 0; i < sql.size();) {
    if (sql[i] != '$' || i + 1 >= sql.size() ||
        !absl::ascii_isdigit(static_cast<unsigned char>(sql[i + 1]))) {
      out += sql[i++];
      continue;
    }
    size_t end = i + 1;
    int n = 0;
    while (end < sql.size() && absl::ascii_isdigit(static_cast<unsigned char>(sql[end]))) {
      n = n * 10 + (sql[end++] - '0');
    }
    absl::StrAppend(&out, "$", n + offset);
    i = end;
  }
  return out;
}

pqxx::result StatementBatch::Run() {
  std::vector<Statement> statements;
  statements.swap(statements_);
  if (statements.empty()) return pqxx::result();
  std::string sql;
  std::vector<std::string> params;
  for (size_t i = 0; i < statements.size(); ++i) {
    const Statement& s = statements[i];
    const std::string renumbered = RenumberPlaceholders(s.sql, static_cast<int>(params.size()));
    if (i + 1 < statements.size()) {
      absl::StrAppend(&sql, i == 0 ? "WITH " : ",\n", "s", i, " AS (", renumbered, ")");
    } else {
      absl::StrAppend(&sql, statements.size() > 1 ? "\n" : "", renumbered);
    }
    params.insert(params.end(), s.params.begin(), s.params.end());
  }
  return tx_.exec_prepared(PrepareOnce(tx_.conn(), sql),
                           pqxx::prepare::make_dynamic_params(params));
}

}  // namespace hotline::pg
