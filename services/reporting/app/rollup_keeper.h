#pragma once

#include "absl/status/status.h"
#include "hotline/common/v1/event.pb.h"
#include "libs/common/transaction.h"
#include "libs/ticketstore/ticket_store.h"
#include "services/reporting/rules/event_deltas.h"
#include "services/reporting/store/counter_store.h"
#include "services/reporting/store/ticket_facts_store.h"

namespace hotline::reporting {

// Keeps the counts in step with the ticket stream: each event, in the consumer's transaction,
// becomes the ticket's new facts and the counter deltas the rules give.
class RollupKeeper {
 public:
  RollupKeeper(TicketFactsStore& facts, CounterStore& counts,
               const ticketstore::TicketStore& tickets, DeltaContext context)
      : facts_(facts), counts_(counts), tickets_(tickets), context_(context) {}

  // An event of a ticket reporting has no row for (its ticket.created went by before reporting
  // consumed the stream) starts from the ticket core's dimensions. Errors reading the ticket
  // pass on (the consumer retries them).
  absl::Status Apply(Transaction& tx, const hotline::common::v1::EventEnvelope& event);

 private:
  TicketFactsStore& facts_;
  CounterStore& counts_;
  const ticketstore::TicketStore& tickets_;
  const DeltaContext context_;
};

}  // namespace hotline::reporting
