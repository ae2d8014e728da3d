#include "bench/intake_load/write_batches.h"

#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "bench/support/bench_util.h"

namespace hotline::bench {

WriteBatches ScrapeWriteBatches(int port) {
  WriteBatches totals;
  if (port <= 0) return totals;
  const std::string body = HttpGet(port, "/metrics");
  for (absl::string_view line : absl::StrSplit(body, '\n')) {
    const size_t space = line.rfind(' ');
    if (line.empty() || line[0] == '#' || space == absl::string_view::npos) continue;
    const absl::string_view name = line.substr(0, space);
    if (name == "hotline_intake_write_batch_size_sum") {
      (void)absl::SimpleAtod(line.substr(space + 1), &totals.sum);
    } else if (name == "hotline_intake_write_batch_size_count") {
      (void)absl::SimpleAtod(line.substr(space + 1), &totals.count);
    }
  }
  return totals;
}

}  // namespace hotline::bench
