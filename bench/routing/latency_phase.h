#pragma once

#include <map>
#include <string>

#include "absl/time/time.h"

namespace hotline::bench {

struct LatencyOptions {
  std::map<std::string, std::string> env;  // the suite's endpoints.env
  std::string sample_units;                // deploy/directory/sample/units.csv
  double rate = 500;                       // tickets/s offered
  absl::Duration duration = absl::Seconds(20);
  int clients = 64;
  uint64_t seed = 12345;
  absl::Duration catch_up = absl::Minutes(3);  // longest wait for routing after the last submit
};

struct LatencyResult {
  double p50_ms = 0, p99_ms = 0;
  int64_t dispatched = 0;
  double achieved_rate = 0;
};

// SubmitTicket at a paced rate through the suite's intake; the suite's routing dispatches each
// ticket from the event stream. Reads the dispatch times back from ticket_events.
LatencyResult RunLatency(const LatencyOptions& options);

}  // namespace hotline::bench
