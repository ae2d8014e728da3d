#include "libs/common/clock.h"

namespace hotline {

const Clock& SystemClock::Get() {
  static const SystemClock* const clock = new SystemClock();
  return *clock;
}

absl::Time FakeClock::Now() const {
  absl::MutexLock lock(&mu_);
  return now_;
}

void FakeClock::Set(absl::Time t) {
  absl::MutexLock lock(&mu_);
  now_ = t;
}

void FakeClock::Advance(absl::Duration d) {
  absl::MutexLock lock(&mu_);
  now_ += d;
}

void OffsetClock::Set(absl::Time now) {
  const absl::Duration offset = now - absl::Now();
  absl::MutexLock lock(&mu_);
  offset_ = offset;
}

absl::Duration OffsetClock::Offset() const {
  absl::MutexLock lock(&mu_);
  return offset_;
}

}  // namespace hotline
