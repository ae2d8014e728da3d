#pragma once

#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "hotline/common/v1/event.pb.h"
#include "libs/common/transaction.h"
#include "libs/ticketstore/ticket_store.h"
#include "services/reporting/app/working_calendar.h"
#include "services/reporting/rules/event_deltas.h"
#include "services/reporting/store/counter_store.h"
#include "services/reporting/store/rollup_tables.h"
#include "services/reporting/store/ticket_facts_store.h"

namespace hotline::reporting {

// What the rollups are written through.
struct RollupStores {
  TicketFactsStore& facts;
  CounterStore& counts;
  RollupTables& tables;
  const ticketstore::TicketStore& tickets;
};

// The facts a ticket's counting starts from when reporting has no row for it: nothing for its
// ticket.created; otherwise the ticket core's dimensions (its ticket.created went by before
// reporting consumed the stream, or left the retained history).
absl::StatusOr<TicketFacts> StartingFacts(Transaction& tx, const ticketstore::TicketStore& tickets,
                                          const hotline::common::v1::EventEnvelope& event);

// Keeps the counts in step with the ticket stream: each event, in the consumer's transaction,
// becomes the ticket's new facts and the counter deltas the rules give, and the partition's
// progress moves on.
class RollupKeeper {
 public:
  RollupKeeper(RollupStores stores, const WorkingCalendar& working, int stream_partitions)
      : stores_(stores), working_(working), partitions_(stream_partitions) {}

  // Errors reading the ticket core or the calendar pass on (the consumer retries them).
  absl::Status Apply(Transaction& tx, const hotline::common::v1::EventEnvelope& event);
  // The same for a read's events in stream order, with the same result, written as one facts
  // read, one facts write, one counts write and one progress write per partition.
  absl::Status ApplyBatch(Transaction& tx,
                          const std::vector<const hotline::common::v1::EventEnvelope*>& events);

 private:
  int PartitionOf(int64_t ticket_id) const;

  RollupStores stores_;
  const WorkingCalendar& working_;
  const int partitions_;
};

}  // namespace hotline::reporting
