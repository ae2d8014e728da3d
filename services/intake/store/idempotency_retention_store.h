#pragma once

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/common/transaction.h"

namespace hotline::intake {

// The stored answers of idempotency keys (intake_requests), as their retention sees them.
class IdempotencyRetentionStore {
 public:
  virtual ~IdempotencyRetentionStore() = default;
  // Forgets at most `limit` keys stored before `before`; returns how many.
  virtual absl::StatusOr<int64_t> Forget(Transaction& tx, absl::Time before, int limit) const = 0;
};

class PgIdempotencyRetentionStore final : public IdempotencyRetentionStore {
 public:
  absl::StatusOr<int64_t> Forget(Transaction& tx, absl::Time before, int limit) const override;
};

}  // namespace hotline::intake
