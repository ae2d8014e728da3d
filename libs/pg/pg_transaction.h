#pragma once

#include <pqxx/transaction>

#include "libs/common/transaction.h"
#include "libs/pg/pg_pool.h"
#include "libs/pg/transact.h"

namespace hotline::pg {

// A Transaction that is a libpqxx transaction, made by PgTransactionRunner.
class PgTransaction final : public Transaction {
 public:
  explicit PgTransaction(pqxx::work& work) : work_(work) {}
  pqxx::work& work() const { return work_; }

 private:
  pqxx::work& work_;
};

// The libpqxx transaction inside `tx`, for the Pg… stores. Handing them a transaction that
// PgTransactionRunner did not make is a wiring bug: it throws std::logic_error, which the runner
// turns into INTERNAL.
pqxx::work& Work(Transaction& tx);

// Runs bodies with pg::Transact: serialization failures retried, libpqxx exceptions mapped.
class PgTransactionRunner final : public TransactionRunner {
 public:
  explicit PgTransactionRunner(PgPool& pool, TransactOptions options = {})
      : pool_(pool), options_(options) {}
  absl::Status Run(absl::FunctionRef<absl::Status(Transaction&)> body) override;

 private:
  PgPool& pool_;
  const TransactOptions options_;
};

}  // namespace hotline::pg
