#pragma once

#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "services/supervision/app/supervision_context.h"

namespace prometheus {
class Counter;
class Histogram;
class Registry;
}  // namespace prometheus

namespace hotline::supervision {

struct SweeperOptions {
  absl::Duration every = absl::Milliseconds(200);
  int batch = 1000;  // clocks claimed per transaction
};

// Fires the rungs of the escalation ladder that have fallen due. Each pass claims due clocks
// through the partial index on next_fire_at with FOR UPDATE SKIP LOCKED (so its cost follows
// what is due, not what is open, and several replicas never fire the same rung), writes one
// supervision.deadline_step event per rung (retention clocks archive the ticket instead) and
// schedules the next rung, all in one transaction: a crash before the commit fires nothing, a
// restart fires what fell due while it was down, once.
class Sweeper {
 public:
  Sweeper(const SupervisionContext& ctx, SweeperOptions options,
          prometheus::Registry* registry /* nullable */);
  ~Sweeper();

  // Runs passes on a thread of its own until Stop().
  void Start();
  void Stop();
  // One transaction: at most options.batch clocks. Returns how many rungs fired.
  absl::StatusOr<int> SweepOnce();

 private:
  const SupervisionContext& ctx_;
  const SweeperOptions options_;
  absl::Notification stop_;
  std::thread thread_;
  prometheus::Counter* fired_ = nullptr;
  prometheus::Histogram* delay_ = nullptr;
};

}  // namespace hotline::supervision
