#pragma once

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace hotline::events {

// Capped exponential delay between attempts to reach a dependency that is down.
class Backoff {
 public:
  explicit Backoff(absl::Duration initial = absl::Milliseconds(50),
                   absl::Duration max = absl::Seconds(2))
      : initial_(initial), max_(max), next_(initial) {}

  // The delay to wait now; the one after is twice as long, up to the cap.
  absl::Duration Next();
  void Reset() { next_ = initial_; }

 private:
  absl::Duration initial_;
  absl::Duration max_;
  absl::Duration next_;
};

// Logs an outage of `dependency` once when it starts and once when it ends, not once per retry,
// so a Redis restart makes two log lines instead of thousands.
class OutageLog {
 public:
  OutageLog(std::string component, std::string dependency)
      : component_(std::move(component)), dependency_(std::move(dependency)) {}

  void Failed(const absl::Status& status);
  void Recovered();
  bool down() const { return down_; }

 private:
  std::string component_;
  std::string dependency_;
  bool down_ = false;
  absl::Time since_;
  int64_t failures_ = 0;
};

}  // namespace hotline::events
