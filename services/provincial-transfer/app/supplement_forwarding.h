#pragma once

#include <cstdint>

#include "absl/status/status.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "libs/ticketstore/ticket_store.h"
#include "services/provincial-transfer/rules/topology.h"
#include "services/provincial-transfer/store/message_store.h"

namespace hotline::transfer {

// Supplements (补充材料) follow a forwarded ticket: one added to a ticket that is with another
// instance goes into that peer's outbox, in the transaction of the event that reports it. Exactly
// once: a supplement written before the ticket left rode in the ticket's own message (Forwarding
// sends every text the ticket had then, and transfer.forwarded has the higher version), and the
// consumer takes each event once. A ticket handled here (never sent, or given back) keeps its own.
class SupplementForwarding {
 public:
  SupplementForwarding(const ticketstore::TicketStore& tickets, const MessageStore& messages,
                       const Clock& clock, SelfInstance self)
      : tickets_(tickets), messages_(messages), clock_(clock), self_(std::move(self)) {}

  // `ticket_version`: the version intake.supplement_added gave the ticket (its text has it too).
  absl::Status OnSupplementAdded(Transaction& tx, int64_t ticket_id, int64_t ticket_version) const;

 private:
  const ticketstore::TicketStore& tickets_;
  const MessageStore& messages_;
  const Clock& clock_;
  const SelfInstance self_;
};

}  // namespace hotline::transfer
