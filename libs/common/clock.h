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

// The system clock shifted by a settable offset: a service started for tests with a
// controllable clock jumps to any instant and keeps ticking from there. Instants recorded by
// other processes on the system clock (event times) map onto it with FromSystem.
class OffsetClock : public Clock {
 public:
  absl::Time Now() const override { return absl::Now() + Offset(); }
  absl::Time FromSystem(absl::Time system_time) const { return system_time + Offset(); }
  void Set(absl::Time now);

 private:
  absl::Duration Offset() const;

  mutable absl::Mutex mu_;
  absl::Duration offset_ ABSL_GUARDED_BY(mu_);
};

}  // namespace hotline
