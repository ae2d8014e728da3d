#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/container/flat_hash_map.h"
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

  // The rows of `ticket_ids` (distinct), locked, by ticket; those reporting has none for are
  // absent. And saving many at once. One by one unless an implementation does better.
  virtual absl::flat_hash_map<int64_t, TicketFacts> LockMany(
      Transaction& tx, const std::vector<int64_t>& ticket_ids) {
    absl::flat_hash_map<int64_t, TicketFacts> found;
    for (int64_t id : ticket_ids) {
      if (std::optional<TicketFacts> f = Lock(tx, id)) found.emplace(id, *std::move(f));
    }
    return found;
  }
  virtual void SaveMany(Transaction& tx, const std::vector<TicketFacts>& facts) {
    for (const TicketFacts& f : facts) Save(tx, f);
  }
};

}  // namespace hotline::reporting
