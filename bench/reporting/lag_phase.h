#pragma once

#include <cstdint>
#include <vector>

#include "absl/time/time.h"
#include "bench/reporting/ingest_phase.h"
#include "bench/reporting/ticket_generator.h"

namespace hotline::bench {

// Live tickets at `rate` events/s for `span`: a feeder hands each event to its partition's
// consumer at the second it is due; each consumer takes what has arrived (up to a batch) and
// applies it as the fast path does. The lag of an event: from when it was due to the commit that
// counted it. The relay and the Redis hop before the consumer are not in it (bench_event_pipeline
// measures those).
struct LagResult {
  int64_t events = 0;
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
  double achieved_rate = 0;
};

LagResult MeasureLag(ReportingWorld& world, const IngestOptions& options,
                     const TicketGenerator& generator, int64_t first_ticket_id, double rate,
                     absl::Duration span);

}  // namespace hotline::bench
