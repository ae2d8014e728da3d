#pragma once

#include <string>

#include "absl/time/time.h"

namespace hotline::support {

// The kernel's DAMON, when a kdamond thread of it is on. Each pass samples pages and clears their
// accessed bits; under load a pass took 3-15 ms of CPU here, against about 1 ms on an idle machine,
// and latency figures show episodes of slow calls one pass apart.
struct MemoryScanner {
  std::string note;  // "DAMON samples physical memory every 500 ms"; "" when none is on
  absl::Duration sample_interval;
  std::string schedstat;  // /proc/<pid>/schedstat of its thread
  // CPU time its thread has used so far; zero when none is on.
  absl::Duration CpuTime() const;
  // CPU milliseconds per pass from `since`, when CpuTime() was `cpu_then`, to now.
  double CpuMsPerPassSince(absl::Time since, absl::Duration cpu_then) const;
};
MemoryScanner FindMemoryScanner();

}  // namespace hotline::support
