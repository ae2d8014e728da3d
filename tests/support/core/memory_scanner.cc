#include "tests/support/core/memory_scanner.h"

#include <algorithm>
#include <cstdint>
#include <fstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace hotline::support {

MemoryScanner FindMemoryScanner() {
  const std::string kdamonds = "/sys/kernel/mm/damon/admin/kdamonds/";
  auto first_line = [](const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
  };
  int count = 0;
  if (!absl::SimpleAtoi(first_line(kdamonds + "nr_kdamonds"), &count)) return {};
  for (int i = 0; i < count; ++i) {
    const std::string kdamond = absl::StrCat(kdamonds, i, "/");
    if (first_line(kdamond + "state") != "on") continue;
    int64_t sample_us = 0;
    const std::string context = kdamond + "contexts/0/";
    if (!absl::SimpleAtoi(first_line(context + "monitoring_attrs/intervals/sample_us"),
                          &sample_us) ||
        sample_us <= 0) {
      continue;
    }
    const std::string what =
        first_line(context + "operations") == "paddr" ? "physical memory" : "process memory";
    MemoryScanner scanner;
    scanner.note = absl::StrCat("DAMON samples ", what, " every ", sample_us / 1000, " ms");
    scanner.sample_interval = absl::Microseconds(sample_us);
    scanner.schedstat = absl::StrCat("/proc/", first_line(kdamond + "pid"), "/schedstat");
    return scanner;
  }
  return {};
}

absl::Duration MemoryScanner::CpuTime() const {
  if (schedstat.empty()) return absl::ZeroDuration();
  std::ifstream in(schedstat);
  int64_t ns = 0;  // the first field: time on a CPU
  return in >> ns ? absl::Nanoseconds(ns) : absl::ZeroDuration();
}

double MemoryScanner::CpuMsPerPassSince(absl::Time since, absl::Duration cpu_then) const {
  if (sample_interval <= absl::ZeroDuration()) return 0;
  const double passes = std::max(absl::FDivDuration(absl::Now() - since, sample_interval), 1.0);
  return absl::ToDoubleMilliseconds(CpuTime() - cpu_then) / passes;
}

}  // namespace hotline::support
