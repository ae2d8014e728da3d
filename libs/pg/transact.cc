#include "libs/pg/transact.h"

#include <pqxx/except>
#include <pqxx/nontransaction>

#include "libs/common/log.h"
#include "libs/pg/pg_error.h"

namespace hotline::pg {

absl::Status TransactOn(pqxx::connection& conn, absl::FunctionRef<absl::Status(pqxx::work&)> body,
                        TransactOptions options, bool* broken) {
  absl::Status last;
  for (int attempt = 1; attempt <= options.max_attempts; ++attempt) {
    try {
      pqxx::work tx(conn);
      absl::Status status = body(tx);
      if (!status.ok()) return status;  // tx's destructor rolls back
      tx.commit();
      return absl::OkStatus();
    } catch (const std::exception& e) {
      last = StatusFromException(e);
      const bool lost = dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr ||
                        dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr || !conn.is_open();
      if (lost) {
        if (broken != nullptr) *broken = true;
        return last;
      }
      if (!IsRetryableTransactionFailure(e)) return last;
      log::Debug("transaction retried", {{"attempt", attempt}, {"error", last.ToString()}});
    }
  }
  return last;
}

absl::Status Transact(PgPool& pool, absl::FunctionRef<absl::Status(pqxx::work&)> body,
                      TransactOptions options) {
  absl::StatusOr<PgPool::Lease> lease = pool.Acquire();
  if (!lease.ok()) return lease.status();
  bool broken = false;
  absl::Status status = TransactOn(**lease, body, options, &broken);
  if (broken) lease->Discard();
  return status;
}

absl::Status Autocommit(PgPool& pool,
                        absl::FunctionRef<absl::Status(pqxx::transaction_base&)> body) {
  absl::StatusOr<PgPool::Lease> lease = pool.Acquire();
  if (!lease.ok()) return lease.status();
  try {
    pqxx::nontransaction tx(**lease);
    absl::Status status = body(tx);
    tx.commit();  // ends the nontransaction; its statements are committed already
    return status;
  } catch (const std::exception& e) {
    if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr || !(*lease)->is_open()) {
      lease->Discard();
    }
    return StatusFromException(e);
  }
}

}  // namespace hotline::pg
