#include "services/intake/app/idempotency_retention.h"

#include <string>

#include "libs/common/log.h"

namespace hotline::intake {

absl::StatusOr<int64_t> IdempotencyRetention::ForgetOnce() {
  const absl::Time before = clock_.Now() - options_.window;
  int64_t total = 0;
  for (int i = 0; i < options_.max_batches; ++i) {
    absl::StatusOr<int64_t> forgotten = transactions_.RunFor<int64_t>(
        [&](Transaction& tx) { return store_.Forget(tx, before, options_.batch); });
    if (!forgotten.ok()) return forgotten.status();
    total += *forgotten;
    if (*forgotten < options_.batch) break;
  }
  return total;
}

void IdempotencyRetention::Start() {
  thread_ = std::thread([this] {
    while (!stop_.HasBeenNotified()) {
      absl::StatusOr<int64_t> forgotten = ForgetOnce();
      if (!forgotten.ok()) {
        log::Warning("forgetting old idempotency keys failed",
                     {{"error", std::string(forgotten.status().message())}});
      } else if (*forgotten > 0) {
        log::Info("old idempotency keys forgotten", {{"keys", *forgotten}});
      }
      stop_.WaitForNotificationWithTimeout(options_.every);
    }
  });
}

void IdempotencyRetention::Stop() {
  if (!thread_.joinable()) return;
  stop_.Notify();
  thread_.join();
}

}  // namespace hotline::intake
