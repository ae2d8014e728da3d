#pragma once

#include <cstdint>
#include <vector>

#include "absl/time/time.h"
#include "bench/reporting/reporting_world.h"
#include "hotline/common/v1/event.pb.h"

namespace hotline::bench {

// The consumer's path, run by `consumers` threads, each on its share of the stream partitions
// (ticket id mod `partitions`), in `batch`-sized reads, as hotline-reporting's --rollup_threads
// consumers run: with `whole_reads` as the service now takes a read (libs/events
// HandleAsOneBatch, RollupKeeper::ApplyBatch), else event by event in savepoints
// (HandleInOneTransaction, RollupKeeper::Apply), the way it did before, for comparison.
struct IngestOptions {
  int consumers = 2;
  int partitions = 4;
  int batch = 50;
  bool whole_reads = true;
};

// Applies `events` (in stream order) and returns how long it took.
absl::Duration Ingest(ReportingWorld& world, const IngestOptions& options,
                      const std::vector<hotline::common::v1::EventEnvelope>& events);

// Handles one read of a consumer: Fail()s on an error (the bench's events are well formed).
void HandleRead(ReportingWorld& world,
                const std::vector<const hotline::common::v1::EventEnvelope*>& read,
                bool whole_reads);

}  // namespace hotline::bench
