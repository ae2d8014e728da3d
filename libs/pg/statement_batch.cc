#include "libs/pg/statement_batch.h"

#include "libs/pg/prepared.h"

namespace hotline::pg {

std::string StatementBatch::Call(const std::string& sql) {
  const std::string name = PrepareOnce(tx_.conn(), sql);
  // libpqxx prepares lazily, on a statement's first exec_prepared; EXECUTE needs it on the server.
  tx_.conn().prepare_now(name);
  return "EXECUTE " + name;
}

std::string StatementBatch::Literal(const std::string& value) const { return tx_.quote(value); }

std::string StatementBatch::Literal(const char* value) const {
  return value == nullptr ? "NULL" : tx_.quote(std::string(value));
}

pqxx::result StatementBatch::Run() {
  if (text_.empty()) return pqxx::result();
  std::string text;
  text.swap(text_);
  return tx_.exec(text);
}

}  // namespace hotline::pg
