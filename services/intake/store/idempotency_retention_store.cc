#include "services/intake/store/idempotency_retention_store.h"

#include "libs/pg/pg_transaction.h"
#include "libs/pg/prepared.h"

namespace hotline::intake {

// By the index on created_at (migration 0058), oldest first.
constexpr char kForget[] = R"sql(
DELETE FROM intake_requests WHERE idempotency_key IN (
  SELECT idempotency_key FROM intake_requests
  WHERE created_at < 'epoch'::timestamptz + $1 * interval '1 microsecond'
  ORDER BY created_at LIMIT $2))sql";

absl::StatusOr<int64_t> PgIdempotencyRetentionStore::Forget(Transaction& tx, absl::Time before,
                                                            int limit) const {
  return pg::Prepared(pg::Work(tx), kForget, absl::ToUnixMicros(before), limit).affected_rows();
}

}  // namespace hotline::intake
