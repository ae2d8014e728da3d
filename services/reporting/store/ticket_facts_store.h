#pragma once

#include <cstdint>
#include <optional>

#include "libs/common/transaction.h"
#include "services/reporting/rules/ticket_facts.h"

namespace hotline::reporting {

// Reporting's own row per ticket (reporting_tickets): its dimensions and the facts later events
// are judged against.
class TicketFactsStore {
 public:
  virtual ~TicketFactsStore() = default;
  // The row, locked for the transaction; nullopt when reporting has none for the ticket.
  virtual std::optional<TicketFacts> Lock(Transaction& tx, int64_t ticket_id) = 0;
  virtual void Save(Transaction& tx, const TicketFacts& facts) = 0;
};

}  // namespace hotline::reporting
