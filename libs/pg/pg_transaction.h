#pragma once

#include <pqxx/transaction>

#include "libs/common/transaction.h"
#include "libs/pg/pg_pool.h"
#include "libs/pg/transact.h"

namespace hotline::pg {

// A Transaction that is a libpqxx transaction (PgTransactionRunner) or a connection in autocommit
// (PgAutocommitRunner).
class PgTransaction final : public Transaction {
 public:
  explicit PgTransaction(pqxx::work& work) : statements_(work), work_(&work) {}
  struct InAutocommit {};
  PgTransaction(pqxx::transaction_base& autocommit, InAutocommit) : statements_(autocommit) {}
  pqxx::transaction_base& statements() const { return statements_; }
  pqxx::work* work() const { return work_; }  // null in autocommit

 private:
  pqxx::transaction_base& statements_;
  pqxx::work* work_ = nullptr;
};

// The libpqxx transaction inside `tx`, for the Pg… stores. Handing them a transaction that
// PgTransactionRunner did not make is a wiring bug: it throws std::logic_error, which the runner
// turns into INTERNAL.
pqxx::work& Work(Transaction& tx);
// What runs the statements of `tx`, transaction or autocommit: for the reads and single-statement
// writes a store offers to autocommit writers.
pqxx::transaction_base& Statements(Transaction& tx);

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

// Runs bodies with pg::Autocommit on a connection of `pool`: libpqxx exceptions mapped.
class PgAutocommitRunner final : public AutocommitRunner {
 public:
  explicit PgAutocommitRunner(PgPool& pool) : pool_(pool) {}
  absl::Status Run(absl::FunctionRef<absl::Status(Transaction&)> body) override;

 private:
  PgPool& pool_;
};

}  // namespace hotline::pg
