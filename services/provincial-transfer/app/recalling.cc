#include "services/provincial-transfer/app/recalling.h"

#include "services/provincial-transfer/app/outbound.h"

namespace hotline::transfer {

absl::Status Recalling::OnWithdrawn(Transaction& tx, int64_t ticket_id,
                                    const std::string& reason_code) const {
  const std::optional<TicketLink> link = messages_.LinkOf(tx, ticket_id);
  if (!link || link->sent_to.empty()) return absl::OkStatus();  // it never left
  absl::StatusOr<hotline::common::v1::Ticket> ticket = tickets_.Get(tx, ticket_id);
  if (!ticket.ok()) return ticket.status();
  // After the ticket's own message in the same (ticket, peer) stream, so the peer applies the
  // recall after the ticket even if the ticket has not reached it yet.
  v1::PeerEnvelope envelope = NewEnvelope(tx, messages_, self_.code, link->sent_to, ticket_id,
                                          ticket->number(), clock_.Now());
  envelope.mutable_recall()->set_reason_code(reason_code.empty() ? "transfer.recalled"
                                                                 : reason_code);
  messages_.Enqueue(tx, link->sent_to, ticket_id, envelope);
  return absl::OkStatus();
}

}  // namespace hotline::transfer
