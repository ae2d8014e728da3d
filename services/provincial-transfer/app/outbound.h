#pragma once

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "hotline/transfer/v1/transfer.pb.h"
#include "libs/common/transaction.h"
#include "libs/ticketstore/ticket_store.h"
#include "services/provincial-transfer/store/message_store.h"

namespace hotline::transfer {

// A message about local ticket `ticket_id` (`ticket_number`) from instance `self` to `peer`,
// with the next sequence of that (ticket, peer) stream; the caller sets its body and enqueues it
// with Enqueue in the transaction of the change that causes it.
v1::PeerEnvelope NewEnvelope(Transaction& tx, const MessageStore& messages, const std::string& self,
                             const std::string& peer, int64_t ticket_id,
                             const std::string& ticket_number, absl::Time now);

// A supplement kept with a local ticket as it travels: its text, attachments and when it was
// written.
v1::Supplement SupplementOf(const ticketstore::TicketText& text);

}  // namespace hotline::transfer
