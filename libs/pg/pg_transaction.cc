#include "libs/pg/pg_transaction.h"

#include <stdexcept>

namespace hotline::pg {
namespace {

const PgTransaction& Pg(Transaction& tx) {
  auto* pg = dynamic_cast<PgTransaction*>(&tx);
  if (pg == nullptr) throw std::logic_error("a PostgreSQL store was handed another transaction");
  return *pg;
}

}  // namespace

pqxx::work& Work(Transaction& tx) {
  pqxx::work* work = Pg(tx).work();
  if (work == nullptr) throw std::logic_error("a store that needs a transaction ran in autocommit");
  return *work;
}

pqxx::transaction_base& Statements(Transaction& tx) { return Pg(tx).statements(); }

absl::Status PgTransactionRunner::Run(absl::FunctionRef<absl::Status(Transaction&)> body) {
  return Transact(
      pool_,
      [&](pqxx::work& work) {
        PgTransaction tx(work);
        return body(tx);
      },
      options_);
}

absl::Status PgAutocommitRunner::Run(absl::FunctionRef<absl::Status(Transaction&)> body) {
  return Autocommit(pool_, [&](pqxx::transaction_base& statements) {
    PgTransaction tx(statements, PgTransaction::InAutocommit{});
    return body(tx);
  });
}

}  // namespace hotline::pg
