#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "libs/ticketstore/ticket_store.h"
#include "services/provincial-transfer/app/destinations.h"
#include "services/provincial-transfer/store/message_store.h"

namespace hotline::transfer {

// What routing said when it let the ticket go (hotline.routing.v1.TransferredOut).
struct TransferredOutFacts {
  std::string reason_code;
  std::vector<std::string> departments;
};

// A ticket routing moved to TRANSFERRED_OUT leaves this instance: the destination rules pick where
// it goes, and in the consumer's transaction the message (the whole ticket, the caller's contact
// included: the disclosure is audited) goes into that peer's outbox, with transfer.forwarded on
// the ticket. A misdirected ticket goes back to the peer it came from; one that cannot be sent on
// is left to the hotline office (transfer.needs_manual_dispatch with the reason).
class Forwarding {
 public:
  Forwarding(const ticketstore::TicketStore& tickets, const MessageStore& messages,
             const Destinations& destinations, const Clock& clock)
      : tickets_(tickets), messages_(messages), destinations_(destinations), clock_(clock) {}

  // A redelivered event, or a ticket no longer TRANSFERRED_OUT, changes nothing.
  absl::Status OnTransferredOut(Transaction& tx, int64_t ticket_id,
                                const TransferredOutFacts& facts) const;

 private:
  hotline::common::v1::Actor TransferActor() const;

  const ticketstore::TicketStore& tickets_;
  const MessageStore& messages_;
  const Destinations& destinations_;
  const Clock& clock_;
};

}  // namespace hotline::transfer
