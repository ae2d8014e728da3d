#include "services/provincial-transfer/app/supplement_forwarding.h"

#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"
#include "services/provincial-transfer/app/outbound.h"

namespace hotline::transfer {

namespace common = hotline::common::v1;

absl::Status SupplementForwarding::OnSupplementAdded(Transaction& tx, int64_t ticket_id,
                                                     int64_t ticket_version) const {
  const std::optional<TicketLink> link = messages_.LinkOf(tx, ticket_id);
  if (!link || link->sent_to.empty()) return absl::OkStatus();  // handled here
  absl::StatusOr<common::Ticket> ticket = tickets_.Get(tx, ticket_id);
  if (!ticket.ok()) return ticket.status();
  // Given back (misdirected) and handled here since, or withdrawn: nothing to send.
  if (ticket->state() != common::TICKET_STATE_TRANSFERRED_OUT) return absl::OkStatus();
  for (const common::EventEnvelope& event : tickets_.History(tx, ticket_id)) {
    if (event.type() != event_type::kTransferForwarded) continue;
    if (event.ticket_version() > ticket_version) return absl::OkStatus();  // in the ticket message
    break;
  }
  for (const ticketstore::TicketText& text : tickets_.Texts(tx, ticket_id)) {
    if (text.ticket_version != ticket_version ||
        text.kind != ticketstore::TicketText::Kind::kSupplement) {
      continue;
    }
    v1::PeerEnvelope envelope = NewEnvelope(tx, messages_, self_.code, link->sent_to, ticket_id,
                                            ticket->number(), clock_.Now());
    *envelope.mutable_supplement() = SupplementOf(text);
    messages_.Enqueue(tx, link->sent_to, ticket_id, envelope);
  }
  return absl::OkStatus();
}

}  // namespace hotline::transfer
