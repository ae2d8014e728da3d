#pragma once

#include <cstdint>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "services/intake/store/idempotency_retention_store.h"

namespace hotline::intake {

struct IdempotencyRetentionOptions {
  absl::Duration window = absl::Hours(72);  // a key is remembered at least this long
  absl::Duration every = absl::Hours(1);    // and forgotten within this after
  int batch = 5000;                         // keys per transaction
  int max_batches = 20;                     // per run; the rest waits for the next
};

// Idempotency keys are kept for a window, not forever: a front-end retries within minutes or,
// after an outage, within a weekend; after that the same key is a new request. Any number of
// replicas may run it (each batch is its own transaction; a key forgotten twice is no harm).
class IdempotencyRetention {
 public:
  IdempotencyRetention(TransactionRunner& transactions, const IdempotencyRetentionStore& store,
                       const Clock& clock, IdempotencyRetentionOptions options)
      : transactions_(transactions), store_(store), clock_(clock), options_(options) {}
  ~IdempotencyRetention() { Stop(); }

  // Runs at once, then every options.every, on a thread of its own until Stop().
  void Start();
  void Stop();
  // One run: the keys stored more than the window ago, batch by batch. Returns how many.
  absl::StatusOr<int64_t> ForgetOnce();

 private:
  TransactionRunner& transactions_;
  const IdempotencyRetentionStore& store_;
  const Clock& clock_;
  const IdempotencyRetentionOptions options_;
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace hotline::intake
