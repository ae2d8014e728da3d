#pragma once

#include <optional>
#include <pqxx/connection>
#include <pqxx/transaction>
#include <utility>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "libs/pg/pg_pool.h"

namespace hotline::pg {

struct TransactOptions {
  // Serialization failures and deadlocks re-run the whole body up to this many times in all.
  int max_attempts = 3;
};

// Runs `body` in one transaction and commits when it returns OK; any other status rolls back.
// libpqxx exceptions thrown inside `body` are caught here and mapped (pg_error.h), so code in a
// body may call libpqxx freely: this is the boundary no exception crosses.
absl::Status Transact(PgPool& pool, absl::FunctionRef<absl::Status(pqxx::work&)> body,
                      TransactOptions options = {});

// The same on a connection the caller holds (e.g. one that also holds advisory locks).
// Sets *broken when the connection must not be used again.
absl::Status TransactOn(pqxx::connection& conn, absl::FunctionRef<absl::Status(pqxx::work&)> body,
                        TransactOptions options = {}, bool* broken = nullptr);

// Runs `body` in autocommit: every statement it runs is a transaction of its own, committed when
// it returns. For work whose only write is one statement (atomic by itself, however many rows and
// tables it writes) after reads that need no transaction around them: it saves the round trips of
// BEGIN and COMMIT. Exceptions are mapped as in Transact; nothing is retried. A connection lost
// during a write leaves its outcome unknown (UNAVAILABLE): write it again only if that is safe.
absl::Status Autocommit(PgPool& pool,
                        absl::FunctionRef<absl::Status(pqxx::transaction_base&)> body);

// Transact for a body that produces a value.
template <typename T>
absl::StatusOr<T> TransactFor(PgPool& pool, absl::FunctionRef<absl::StatusOr<T>(pqxx::work&)> body,
                              TransactOptions options = {}) {
  std::optional<T> result;
  absl::Status status = Transact(
      pool,
      [&](pqxx::work& tx) -> absl::Status {
        absl::StatusOr<T> value = body(tx);
        if (!value.ok()) return value.status();
        result.emplace(*std::move(value));
        return absl::OkStatus();
      },
      options);
  if (!status.ok()) return status;
  return *std::move(result);
}

}  // namespace hotline::pg
