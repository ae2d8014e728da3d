#include "services/provincial-transfer/app/delivery_steering.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "hotline/transfer/v1/transfer_events.pb.h"
#include "libs/common/field_violations.h"
#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"

namespace hotline::transfer {
namespace {

namespace common = hotline::common::v1;

constexpr size_t kMaxReason = 500;
constexpr char kDefaultCancelCode[] = "transfer.cancelled_by_operator";

std::vector<FieldViolation> ReasonViolations(const std::string& reason) {
  if (reason.empty()) return {{"reason", "required: why (it is audited)"}};
  if (reason.size() > kMaxReason) {
    return {{"reason", absl::StrCat("at most ", kMaxReason, " bytes")}};
  }
  return {};
}

absl::Status CheckTarget(int64_t message_id, const std::string& reason) {
  std::vector<FieldViolation> bad = ReasonViolations(reason);
  if (message_id <= 0) bad.push_back({"message_id", "required: an id from ListTicketDeliveries"});
  if (!bad.empty()) return InvalidFields(std::move(bad));
  return absl::OkStatus();
}

bool IsReasonCode(const std::string& code) {
  if (code.size() > 64) return false;
  for (char c : code) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_')) return false;
  }
  return true;
}

}  // namespace

void DeliverySteering::Audit(Transaction& tx, const common::Actor& actor, const char* action,
                             const std::string& peer, std::optional<int64_t> message_id,
                             int messages, const std::string& reason) const {
  deliveries_.Audit(tx, {actor.principal(), common::Role_Name(actor.role()), action, peer,
                         message_id, messages, reason});
}

absl::StatusOr<DeliveryRow> DeliverySteering::Locked(Transaction& tx, int64_t message_id) const {
  std::optional<DeliveryRow> row = deliveries_.LockMessage(tx, message_id);
  if (!row) return absl::NotFoundError(absl::StrCat("no message ", message_id, " in the outbox"));
  return *std::move(row);
}

absl::StatusOr<std::vector<PeerQueueView>> DeliverySteering::PeerQueues() {
  absl::StatusOr<std::shared_ptr<const Topology>> topology = topology_.Current();
  if (!topology.ok()) return topology.status();
  std::map<std::string, PeerQueueView> by_peer;
  for (const PeerConfig& peer : (*topology)->peers) {
    PeerQueueView& view = by_peer[peer.instance_code];
    view.queue.peer = peer.instance_code;
    view.configured = true;
  }
  absl::Status read = transactions_.Run([&](Transaction& tx) {
    for (PeerQueueRow& row : deliveries_.PeerQueues(tx)) {
      PeerQueueView& view = by_peer[row.peer];
      view.queue = std::move(row);
    }
    for (const auto& [peer, count] : acceptances_.UnacknowledgedByPeer(tx)) {
      PeerQueueView& view = by_peer[peer];
      view.queue.peer = peer;
      view.unacknowledged = count;
    }
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  std::vector<PeerQueueView> out;
  for (auto& [code, view] : by_peer) out.push_back(std::move(view));
  return out;
}

absl::StatusOr<TicketDeliveriesView> DeliverySteering::TicketDeliveries(
    const std::string& ticket_number) {
  if (ticket_number.empty()) {
    return InvalidFields({{"ticket_number", "required: a ticket number of this instance"}});
  }
  return transactions_.RunFor<TicketDeliveriesView>(
      [&](Transaction& tx) -> absl::StatusOr<TicketDeliveriesView> {
        absl::StatusOr<common::Ticket> ticket = tickets_.GetByNumber(tx, ticket_number);
        if (!ticket.ok()) return ticket.status();
        return TicketDeliveriesView{deliveries_.DeliveriesOf(tx, ticket->id()),
                                    acceptances_.WatchesOf(tx, ticket->id())};
      });
}

absl::StatusOr<int> DeliverySteering::RetryMessage(const common::Actor& actor, int64_t message_id,
                                                   const std::string& reason) {
  if (absl::Status checked = CheckTarget(message_id, reason); !checked.ok()) return checked;
  return transactions_.RunFor<int>([&](Transaction& tx) -> absl::StatusOr<int> {
    absl::StatusOr<DeliveryRow> row = Locked(tx, message_id);
    if (!row.ok()) return row.status();
    if (row->state == OutboxState::kDelivered) {
      return absl::FailedPreconditionError(
          absl::StrCat("message ", message_id, " was delivered already"));
    }
    deliveries_.RequeueMessage(tx, message_id, clock_.Now());
    Audit(tx, actor, "retry_message", row->peer, message_id, 1, reason);
    return 1;
  });
}

absl::StatusOr<int> DeliverySteering::RetryPeer(const common::Actor& actor, const std::string& peer,
                                                bool dead_letters, const std::string& reason) {
  std::vector<FieldViolation> bad = ReasonViolations(reason);
  if (peer.empty()) bad.push_back({"peer", "required: a peer's instance code"});
  if (!bad.empty()) return InvalidFields(std::move(bad));
  absl::StatusOr<std::vector<PeerQueueView>> peers = PeerQueues();
  if (!peers.ok()) return peers.status();
  bool known = false;
  for (const PeerQueueView& view : *peers) known = known || view.queue.peer == peer;
  if (!known) return absl::NotFoundError(absl::StrCat("no peer ", peer, " and no messages for it"));
  return transactions_.RunFor<int>([&](Transaction& tx) -> absl::StatusOr<int> {
    const int changed = deliveries_.RequeuePeer(tx, peer, dead_letters, clock_.Now());
    Audit(tx, actor, "retry_peer", peer, std::nullopt, changed, reason);
    return changed;
  });
}

absl::StatusOr<DeliveryRow> DeliverySteering::Park(const common::Actor& actor, int64_t message_id,
                                                   const std::string& reason) {
  if (absl::Status checked = CheckTarget(message_id, reason); !checked.ok()) return checked;
  return transactions_.RunFor<DeliveryRow>([&](Transaction& tx) -> absl::StatusOr<DeliveryRow> {
    absl::StatusOr<DeliveryRow> row = Locked(tx, message_id);
    if (!row.ok()) return row.status();
    if (row->state != OutboxState::kPending && row->state != OutboxState::kDead) {
      return absl::FailedPreconditionError(absl::StrCat(
          "message ", message_id, " is neither pending nor dead-lettered: nothing to set aside"));
    }
    deliveries_.Park(tx, message_id);
    Audit(tx, actor, "park", row->peer, message_id, 1, reason);
    return Locked(tx, message_id);
  });
}

absl::StatusOr<DeliveryRow> DeliverySteering::Cancel(const common::Actor& actor, int64_t message_id,
                                                     const std::string& reason_code,
                                                     const std::string& reason) {
  if (absl::Status checked = CheckTarget(message_id, reason); !checked.ok()) return checked;
  if (!IsReasonCode(reason_code)) {
    return InvalidFields({{"reason_code", "lower-case letters, digits, '.' and '_', 64 at most"}});
  }
  return transactions_.RunFor<DeliveryRow>([&](Transaction& tx) -> absl::StatusOr<DeliveryRow> {
    absl::StatusOr<DeliveryRow> row = Locked(tx, message_id);
    if (!row.ok()) return row.status();
    if (row->state == OutboxState::kDelivered) {
      return absl::FailedPreconditionError(absl::StrCat(
          "message ", message_id, " was delivered already: recall the ticket instead"));
    }
    if (row->cancelled) {
      return absl::FailedPreconditionError(
          absl::StrCat("message ", message_id, " is cancelled already"));
    }
    absl::StatusOr<common::Ticket> ticket = tickets_.Get(tx, row->ticket_id);
    if (!ticket.ok()) return ticket.status();

    // The peer applies the stream in order: the compensation holds the place of the message.
    v1::PeerEnvelope compensation;
    compensation.set_origin_instance(self_code_);
    compensation.set_origin_ticket_number(ticket->number());
    compensation.set_sequence(row->sequence);
    compensation.set_destination_instance(row->peer);
    *compensation.mutable_sent_at() = ToTimestamp(clock_.Now());
    compensation.mutable_cancelled()->set_reason_code(reason_code.empty() ? kDefaultCancelCode
                                                                          : reason_code);
    deliveries_.ReplaceWithCompensation(tx, *row, compensation, clock_.Now());

    // A ticket that will not arrive there comes back to this instance's hotline office.
    if (row->body == v1::PeerEnvelope::kTicket) {
      if (std::optional<TicketLink> link = messages_.LinkOf(tx, row->ticket_id);
          link && link->sent_to == row->peer) {
        link->sent_to.clear();
        messages_.SaveLink(tx, *link);
      }
      v1::NeedsManualDispatch back;
      back.set_reason_code(kDefaultCancelCode);
      auto recorded = tickets_.Record(tx, row->ticket_id, 0,
                                      event_type::kTransferNeedsManualDispatch, back, actor);
      if (!recorded.ok()) return recorded.status();
    }
    Audit(tx, actor, "cancel", row->peer, message_id, 1, reason);
    return Locked(tx, message_id);
  });
}

}  // namespace hotline::transfer
