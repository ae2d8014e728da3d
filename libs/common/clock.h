#pragma once

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace hotline {

// Domain code never reads the wall clock; it is handed a Clock.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

class SystemClock : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
  // One process-wide instance; trivially destructible use through a reference.
  static const Clock& Get();
};

// A clock tests move by hand.
class FakeClock : public Clock {
 public:
  explicit FakeClock(absl::Time start) : now_(start) {}
  absl::Time Now() const override;
  void Set(absl::Time t);
  void Advance(absl::Duration d);

 private:
  mutable absl::Mutex mu_;
  absl::Time now_ ABSL_GUARDED_BY(mu_);
};

}  // namespace hotline
