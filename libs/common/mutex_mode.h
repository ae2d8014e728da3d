#pragma once

#include "absl/synchronization/mutex.h"

namespace hotline {

// Debian's Abseil is built without NDEBUG, so by default every absl::Mutex operation (gRPC's own
// locks among them) records lock order in a process-wide graph to detect deadlock cycles: about
// 3% of a busy process's CPU. Services and benchmarks switch that off at start; the tests keep
// it, and the thread-safety annotations check lock use at compile time.
inline void SkipMutexDeadlockDetection() {
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
}

}  // namespace hotline
