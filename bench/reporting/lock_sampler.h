#pragma once

#include <atomic>
#include <string>
#include <thread>

namespace hotline::bench {

// Samples pg_stat_activity of the scratch database every 100 ms on a connection of its own while
// it lives: how often a consumer waited on a row lock (wait_event_type Lock), to see whether the
// consumers contend for the same counter rows.
class LockSampler {
 public:
  explicit LockSampler(const std::string& url);
  ~LockSampler();

  // Samples taken, and the backends seen waiting on a lock summed over them.
  int64_t samples() const { return samples_; }
  int64_t waiting() const { return waiting_; }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> samples_{0}, waiting_{0};
  std::thread thread_;
};

}  // namespace hotline::bench
