#pragma once

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "libs/ticketstore/ticket_store.h"
#include "services/provincial-transfer/rules/topology.h"
#include "services/provincial-transfer/store/message_store.h"

namespace hotline::transfer {

// The origin's half of a recall: a ticket this instance forwarded was withdrawn here (the caller
// withdrew, or the recall of the instance before it arrived), so a recall goes into the outbox of
// the peer it was sent to, in the transaction of the event that reports the withdrawal. That peer
// withdraws its own ticket (and recalls it further on) and acknowledges with a `withdrawn` update.
// A ticket never sent anywhere is left alone.
class Recalling {
 public:
  Recalling(const ticketstore::TicketStore& tickets, const MessageStore& messages,
            const Clock& clock, SelfInstance self)
      : tickets_(tickets), messages_(messages), clock_(clock), self_(std::move(self)) {}

  absl::Status OnWithdrawn(Transaction& tx, int64_t ticket_id,
                           const std::string& reason_code) const;

 private:
  const ticketstore::TicketStore& tickets_;
  const MessageStore& messages_;
  const Clock& clock_;
  const SelfInstance self_;
};

}  // namespace hotline::transfer
