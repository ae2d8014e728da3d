#include "services/provincial-transfer/app/receiving.h"

#include "absl/strings/str_cat.h"
#include "hotline/intake/v1/intake.pb.h"
#include "hotline/transfer/v1/transfer_events.pb.h"
#include "libs/common/field_violations.h"
#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"
#include "services/provincial-transfer/app/outbound.h"
#include "services/provincial-transfer/app/remote_update.h"
#include "services/provincial-transfer/rules/delivery_rules.h"

namespace hotline::transfer {

namespace common = hotline::common::v1;

common::Actor Receiving::PeerActor(const PeerConfig& peer) const {
  common::Actor actor;
  actor.set_role(common::ROLE_PROVINCE);
  actor.set_principal(absl::StrCat("peer:", peer.instance_code));
  actor.set_jurisdiction(self_.code);
  return actor;
}

absl::Status Receiving::Check(const PeerConfig& peer, const v1::PeerEnvelope& e) const {
  std::vector<FieldViolation> bad;
  if (e.origin_ticket_number().empty()) {
    bad.push_back({"envelope.origin_ticket_number", "required"});
  }
  if (e.sequence() < 1) bad.push_back({"envelope.sequence", "must be 1 or more"});
  if (e.body_case() == v1::PeerEnvelope::BODY_NOT_SET) {
    bad.push_back({"envelope.body",
                   "required: a ticket, a status update, a return, a recall or a supplement"});
  }
  if (e.has_supplement() && e.supplement().content().empty()) {
    bad.push_back({"envelope.supplement.content", "required"});
  }
  if (e.has_ticket() && !e.ticket().has_ticket()) {
    bad.push_back({"envelope.ticket.ticket", "required"});
  }
  if ((e.has_status_update() || e.has_misdirected()) && e.in_reply_to_ticket_number().empty()) {
    bad.push_back({"envelope.in_reply_to_ticket_number", "required for an update or a return"});
  }
  if (e.has_status_update() &&
      e.status_update().change_case() == v1::StatusUpdate::CHANGE_NOT_SET) {
    bad.push_back({"envelope.status_update.change", "required"});
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));
  if (e.origin_instance() != peer.instance_code) {
    return absl::PermissionDeniedError(
        absl::StrCat("peer ", peer.instance_code, " may not send messages of another origin"));
  }
  if (e.destination_instance() != self_.code) {
    return absl::PermissionDeniedError(absl::StrCat("the message is addressed to instance ",
                                                    e.destination_instance(), ", this is ",
                                                    self_.code));
  }
  if (e.has_ticket()) {
    return CheckPeerMaySend(self_, peer, e.ticket().ticket().region().code());
  }
  return absl::OkStatus();
}

absl::StatusOr<DeliveryResult> Receiving::Deliver(const PeerConfig& peer,
                                                  const v1::PeerEnvelope& envelope) {
  if (absl::Status checked = Check(peer, envelope); !checked.ok()) return checked;
  return transactions_.RunFor<DeliveryResult>(
      [&](Transaction& tx) -> absl::StatusOr<DeliveryResult> {
        const std::string& origin = envelope.origin_instance();
        const std::string& number = envelope.origin_ticket_number();
        const std::optional<InboxEntry> seen =
            messages_.InboxOf(tx, origin, number, envelope.sequence());
        const int64_t last = messages_.LastApplied(tx, origin, number);
        switch (DecideInboxStep(last, envelope.sequence(), seen.has_value())) {
          case InboxStep::kDuplicate:
            return DeliveryResult{seen ? seen->state == InboxEntry::State::kApplied : true,
                                  seen ? seen->local_ticket_number : "", true};
          case InboxStep::kHold:
            messages_.RecordHeld(tx, envelope, clock_.Now());
            return DeliveryResult{false, "", false};
          case InboxStep::kApply:
            break;
        }
        absl::StatusOr<std::string> local = Apply(tx, peer, envelope);
        if (!local.ok()) return local.status();
        messages_.RecordApplied(tx, envelope, *local, clock_.Now());
        // Successors that arrived early follow in order, in this transaction.
        for (int64_t next = envelope.sequence() + 1;; ++next) {
          std::optional<InboxEntry> held = messages_.InboxOf(tx, origin, number, next);
          if (!held || held->state != InboxEntry::State::kHeld || !held->envelope) break;
          absl::StatusOr<std::string> applied = Apply(tx, peer, *held->envelope);
          if (!applied.ok()) return applied.status();
          messages_.RecordApplied(tx, *held->envelope, *applied, clock_.Now());
        }
        return DeliveryResult{true, *local, false};
      });
}

absl::StatusOr<std::string> Receiving::Apply(Transaction& tx, const PeerConfig& peer,
                                             const v1::PeerEnvelope& envelope) const {
  switch (envelope.body_case()) {
    case v1::PeerEnvelope::kTicket:
      return CreateTicket(tx, peer, envelope);
    case v1::PeerEnvelope::kStatusUpdate:
      return ApplyUpdate(tx, peer, envelope);
    case v1::PeerEnvelope::kMisdirected:
      return ApplyMisdirected(tx, peer, envelope);
    case v1::PeerEnvelope::kRecall:
      return ApplyRecall(tx, peer, envelope);
    case v1::PeerEnvelope::kSupplement:
      return ApplySupplement(tx, peer, envelope);
    case v1::PeerEnvelope::kCancelled:
      return std::string();  // the sender gave its message up: only the stream's order moves on
    case v1::PeerEnvelope::BODY_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError("envelope.body: required");
}

absl::StatusOr<std::string> Receiving::CreateTicket(Transaction& tx, const PeerConfig& peer,
                                                    const v1::PeerEnvelope& envelope) const {
  const v1::TransferredTicket& sent = envelope.ticket();
  if (std::optional<TicketLink> known =
          messages_.LinkFrom(tx, peer.instance_code, envelope.origin_ticket_number())) {
    // The same ticket under a new sequence (e.g. sent again after a return): one local ticket.
    return tickets_.Get(tx, known->ticket_id).value_or(common::Ticket()).number();
  }
  common::Ticket draft = sent.ticket();
  draft.clear_id();
  draft.clear_number();
  draft.clear_version();
  draft.clear_state();
  draft.clear_created_at();
  draft.clear_updated_at();
  draft.set_instance_id(self_.code);
  draft.set_channel(common::CHANNEL_TRANSFER);
  draft.set_idempotency_key(
      absl::StrCat("transfer:", peer.instance_code, ":", envelope.origin_ticket_number()));

  v1::TicketReceived received;
  received.set_origin_instance(peer.instance_code);
  received.set_origin_ticket_number(envelope.origin_ticket_number());
  received.set_first_instance(sent.first_instance().empty() ? peer.instance_code
                                                            : sent.first_instance());
  received.set_first_ticket_number(sent.first_ticket_number().empty()
                                       ? envelope.origin_ticket_number()
                                       : sent.first_ticket_number());
  // transfer.received first, then the acceptance that puts it where routing dispatches from.
  const std::vector<ticketstore::CreationStep> steps = {
      {std::nullopt, {}, event_type::kTransferReceived, &received},
      {domain::TicketAction::kAccept, {"transfer.received"}, "", nullptr},
  };
  absl::StatusOr<common::Ticket> created =
      tickets_.Create(tx, std::move(draft), PeerActor(peer), steps);
  if (!created.ok()) return created.status();

  TicketLink link;
  link.ticket_id = created->id();
  link.received_from = peer.instance_code;
  link.origin_ticket_number = envelope.origin_ticket_number();
  link.first_instance = received.first_instance();
  link.first_ticket_number = received.first_ticket_number();
  messages_.SaveLink(tx, link);
  messages_.RecordDisclosure(tx, created->id(), peer.instance_code, /*sent=*/false);
  // A sender of an earlier release sends the texts alone.
  std::vector<v1::Supplement> supplements(sent.supplement_items().begin(),
                                          sent.supplement_items().end());
  if (supplements.empty()) {
    for (const std::string& text : sent.supplements()) supplements.emplace_back().set_content(text);
  }
  for (const v1::Supplement& supplement : supplements) {
    if (absl::Status kept = KeepSupplement(tx, created->id(), peer, supplement); !kept.ok()) {
      return kept;
    }
  }
  return created->number();
}

absl::Status Receiving::KeepSupplement(Transaction& tx, int64_t ticket_id, const PeerConfig& peer,
                                       const v1::Supplement& supplement) const {
  ticketstore::TicketText text{ticketstore::TicketText::Kind::kSupplement, supplement.content()};
  text.attachments.assign(supplement.attachments().begin(), supplement.attachments().end());
  return tickets_
      .RecordWithText(tx, ticket_id, 0, event_type::kIntakeSupplementAdded,
                      hotline::intake::v1::SupplementAdded(), PeerActor(peer), text)
      .status();
}

void Receiving::DeclineRecall(Transaction& tx, const PeerConfig& peer, const common::Ticket& ticket,
                              const v1::PeerEnvelope& recall) const {
  v1::PeerEnvelope answer = NewEnvelope(tx, messages_, self_.code, peer.instance_code, ticket.id(),
                                        ticket.number(), clock_.Now());
  answer.set_in_reply_to_ticket_number(recall.origin_ticket_number());
  v1::StatusUpdate* update = answer.mutable_status_update();
  update->set_remote_ticket_number(ticket.number());
  update->set_remote_state(ticket.state());
  *update->mutable_occurred_at() = ToTimestamp(clock_.Now());
  update->mutable_recall_declined()->set_reason_code("transfer.recall_after_close");
  messages_.Enqueue(tx, peer.instance_code, ticket.id(), answer);
}

absl::StatusOr<std::string> Receiving::ApplySupplement(Transaction& tx, const PeerConfig& peer,
                                                       const v1::PeerEnvelope& envelope) const {
  std::optional<TicketLink> link =
      messages_.LinkFrom(tx, peer.instance_code, envelope.origin_ticket_number());
  if (!link) {
    return absl::FailedPreconditionError(absl::StrCat("no ticket received from peer ",
                                                      peer.instance_code, " as ",
                                                      envelope.origin_ticket_number()));
  }
  absl::StatusOr<common::Ticket> ticket = tickets_.Get(tx, link->ticket_id);
  if (!ticket.ok()) return ticket.status();
  if (absl::Status kept = KeepSupplement(tx, ticket->id(), peer, envelope.supplement());
      !kept.ok()) {
    return kept;
  }
  return ticket->number();
}

absl::StatusOr<common::Ticket> Receiving::SentTicket(Transaction& tx, const PeerConfig& peer,
                                                     const v1::PeerEnvelope& envelope) const {
  absl::StatusOr<common::Ticket> ticket =
      tickets_.GetByNumber(tx, envelope.in_reply_to_ticket_number());
  std::optional<TicketLink> link = ticket.ok() ? messages_.LinkOf(tx, ticket->id()) : std::nullopt;
  if (!link || link->sent_to != peer.instance_code) {
    return absl::FailedPreconditionError(absl::StrCat("this instance sent no ticket ",
                                                      envelope.in_reply_to_ticket_number(),
                                                      " to peer ", peer.instance_code));
  }
  return ticket;
}

absl::StatusOr<std::string> Receiving::ApplyUpdate(Transaction& tx, const PeerConfig& peer,
                                                   const v1::PeerEnvelope& envelope) const {
  absl::StatusOr<common::Ticket> ticket = SentTicket(tx, peer, envelope);
  if (!ticket.ok()) return ticket.status();
  const v1::StatusUpdate& update = envelope.status_update();
  const v1::RemoteUpdate event = RemoteUpdateOf(peer.instance_code, update);
  // A reply's text is kept with the ticket (sealed like every text), never on the event.
  const bool has_text = update.has_replied() && !update.replied().reply().empty();
  auto recorded =
      has_text ? tickets_.RecordWithText(
                     tx, ticket->id(), 0, event_type::kTransferRemoteUpdate, event, PeerActor(peer),
                     {ticketstore::TicketText::Kind::kRemoteReply, update.replied().reply()})
               : tickets_.Record(tx, ticket->id(), 0, event_type::kTransferRemoteUpdate, event,
                                 PeerActor(peer));
  if (!recorded.ok()) return recorded.status();

  TicketLink link = *messages_.LinkOf(tx, ticket->id());
  if (link.remote_ticket_number.empty() && update.handling_instance().empty()) {
    link.remote_ticket_number = update.remote_ticket_number();
    messages_.SaveLink(tx, link);
  }
  // Hop by hop: this ticket came from a peer, so the update goes on to it.
  if (!link.received_from.empty()) {
    v1::PeerEnvelope relay = NewEnvelope(tx, messages_, self_.code, link.received_from,
                                         ticket->id(), ticket->number(), clock_.Now());
    relay.set_in_reply_to_ticket_number(link.origin_ticket_number);
    *relay.mutable_status_update() = update;
    if (update.handling_instance().empty()) {
      relay.mutable_status_update()->set_handling_instance(peer.instance_code);
    }
    messages_.Enqueue(tx, link.received_from, ticket->id(), relay);
  }
  return ticket->number();
}

absl::StatusOr<std::string> Receiving::ApplyMisdirected(Transaction& tx, const PeerConfig& peer,
                                                        const v1::PeerEnvelope& envelope) const {
  absl::StatusOr<common::Ticket> ticket = SentTicket(tx, peer, envelope);
  if (!ticket.ok()) return ticket.status();
  v1::NeedsManualDispatch event;
  event.set_reason_code("transfer.misdirected");
  event.set_from_instance(peer.instance_code);
  event.set_returned_reason_code(envelope.misdirected().reason_code());
  auto recorded = tickets_.Record(tx, ticket->id(), 0, event_type::kTransferNeedsManualDispatch,
                                  event, PeerActor(peer));
  if (!recorded.ok()) return recorded.status();
  return ticket->number();
}

absl::StatusOr<std::string> Receiving::ApplyRecall(Transaction& tx, const PeerConfig& peer,
                                                   const v1::PeerEnvelope& envelope) const {
  std::optional<TicketLink> link =
      messages_.LinkFrom(tx, peer.instance_code, envelope.origin_ticket_number());
  if (!link) {
    return absl::FailedPreconditionError(absl::StrCat("no ticket received from peer ",
                                                      peer.instance_code, " as ",
                                                      envelope.origin_ticket_number()));
  }
  absl::StatusOr<common::Ticket> ticket = tickets_.Get(tx, link->ticket_id);
  if (!ticket.ok()) return ticket.status();
  const domain::TicketStatus status{static_cast<domain::TicketState>(ticket->state())};
  if (!domain::ApplyTicketAction(status, domain::TicketAction::kWithdraw).ok()) {
    // Withdrawn already: that was acknowledged. Closed: the origin hears the recall came too
    // late, rather than waiting for an acknowledgement that never comes.
    if (ticket->state() != common::TICKET_STATE_WITHDRAWN)
      DeclineRecall(tx, peer, *ticket, envelope);
    return ticket->number();
  }
  auto withdrawn =
      tickets_.Apply(tx, ticket->id(), 0, domain::TicketAction::kWithdraw, PeerActor(peer),
                     {envelope.recall().reason_code().empty() ? "transfer.recalled"
                                                              : envelope.recall().reason_code()});
  if (!withdrawn.ok()) return withdrawn.status();
  return ticket->number();
}

}  // namespace hotline::transfer
