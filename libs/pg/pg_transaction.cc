#include "libs/pg/pg_transaction.h"

#include <stdexcept>

namespace hotline::pg {

pqxx::work& Work(Transaction& tx) {
  auto* pg = dynamic_cast<PgTransaction*>(&tx);
  if (pg == nullptr) throw std::logic_error("a PostgreSQL store was handed another transaction");
  return pg->work();
}

absl::Status PgTransactionRunner::Run(absl::FunctionRef<absl::Status(Transaction&)> body) {
  return Transact(
      pool_,
      [&](pqxx::work& work) {
        PgTransaction tx(work);
        return body(tx);
      },
      options_);
}

}  // namespace hotline::pg
