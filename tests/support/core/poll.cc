#include "tests/support/core/poll.h"

#include "absl/time/clock.h"

namespace hotline::support {

bool PollUntil(absl::Duration timeout, absl::FunctionRef<bool()> done, absl::Duration interval) {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    if (done()) return true;
    if (absl::Now() >= deadline) return false;
    absl::SleepFor(interval);
  }
}

}  // namespace hotline::support
