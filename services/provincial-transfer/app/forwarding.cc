#include "services/provincial-transfer/app/forwarding.h"

#include "hotline/transfer/v1/transfer_events.pb.h"
#include "libs/domain/event_types.h"
#include "services/provincial-transfer/app/outbound.h"

namespace hotline::transfer {

namespace common = hotline::common::v1;

common::Actor Forwarding::TransferActor() const {
  common::Actor actor;
  actor.set_role(common::ROLE_ADMIN);
  actor.set_principal("transfer");
  actor.set_jurisdiction(destinations_.self().code);
  return actor;
}

absl::Status Forwarding::OnTransferredOut(Transaction& tx, int64_t ticket_id,
                                          const TransferredOutFacts& facts) const {
  absl::StatusOr<common::Ticket> ticket = tickets_.Get(tx, ticket_id);
  if (!ticket.ok()) {
    return absl::IsNotFound(ticket.status()) ? absl::OkStatus() : ticket.status();
  }
  if (ticket->state() != common::TICKET_STATE_TRANSFERRED_OUT) return absl::OkStatus();
  TicketLink link = messages_.LinkOf(tx, ticket_id).value_or(TicketLink{ticket_id});
  if (!link.sent_to.empty()) return absl::OkStatus();  // forwarded already

  absl::StatusOr<Destination> destination = destinations_.Decide(
      {ticket->region().code(), ticket->category(), facts.reason_code, link.received_from});
  if (!destination.ok()) return destination.status();

  if (destination->kind == DestinationKind::kManualQueue ||
      destination->kind == DestinationKind::kHandleHere) {
    v1::NeedsManualDispatch event;
    event.set_reason_code(destination->reason_code);
    return tickets_
        .Record(tx, ticket_id, 0, event_type::kTransferNeedsManualDispatch, event, TransferActor())
        .status();
  }

  const std::string& peer = destination->instance_code;
  v1::PeerEnvelope envelope = NewEnvelope(tx, messages_, destinations_.self().code, peer, ticket_id,
                                          ticket->number(), clock_.Now());
  if (destination->kind == DestinationKind::kReturnToSender) {
    envelope.set_in_reply_to_ticket_number(link.origin_ticket_number);
    v1::MisdirectedReturn* back = envelope.mutable_misdirected();
    back->set_remote_ticket_number(ticket->number());
    back->set_reason_code(facts.reason_code);
  } else {
    v1::TransferredTicket* sent = envelope.mutable_ticket();
    *sent->mutable_ticket() = *ticket;
    sent->set_reason_code(facts.reason_code);
    for (const std::string& d : facts.departments) sent->add_departments(d);
    sent->set_first_instance(link.received_from.empty() ? destinations_.self().code
                                                        : link.first_instance);
    sent->set_first_ticket_number(link.received_from.empty() ? ticket->number()
                                                             : link.first_ticket_number);
    for (const ticketstore::TicketText& text : tickets_.Texts(tx, ticket_id)) {
      if (text.kind == ticketstore::TicketText::Kind::kSupplement) {
        *sent->add_supplement_items() = SupplementOf(text);
      }
    }
    messages_.RecordDisclosure(tx, ticket_id, peer, /*sent=*/true);
  }
  messages_.Enqueue(tx, peer, ticket_id, envelope);
  link.sent_to = peer;
  messages_.SaveLink(tx, link);

  v1::TicketForwarded event;
  event.set_destination_instance(peer);
  event.set_reason_code(destination->reason_code);
  event.set_sequence(envelope.sequence());
  return tickets_.Record(tx, ticket_id, 0, event_type::kTransferForwarded, event, TransferActor())
      .status();
}

}  // namespace hotline::transfer
