#pragma once

#include <cstdint>
#include <vector>

#include "bench/reporting/ticket_generator.h"
#include "hotline/common/v1/event.pb.h"
#include "libs/pg/pg_pool.h"

namespace hotline::bench {

// Writes generated tickets and their events into the ticket core's tables (tickets,
// ticket_events) with COPY, as the history the straightforward SQL reads and RebuildRollups
// replays. Codes only: the personal columns stay empty.
class HistoryLoader {
 public:
  explicit HistoryLoader(pg::PgPool& pool) : pool_(pool) {}

  // One COPY transaction for the tickets and one for their events; ticket ids must follow the
  // table's identity (1, 2, … in a fresh database).
  void Load(const std::vector<GeneratedTicket>& tickets,
            const std::vector<hotline::common::v1::EventEnvelope>& events);

 private:
  pg::PgPool& pool_;
};

}  // namespace hotline::bench
