#include "services/provincial-transfer/app/status_relay.h"

#include "libs/common/proto_time.h"
#include "services/provincial-transfer/app/outbound.h"

namespace hotline::transfer {
namespace {

namespace common = hotline::common::v1;

// The state the change left the ticket in (not its state now, which may have moved on since).
common::TicketState StateAfter(LocalChange::Kind kind) {
  switch (kind) {
    case LocalChange::Kind::kAccepted:
      return common::TICKET_STATE_PENDING_DISPATCH;
    case LocalChange::Kind::kDispatched:
      return common::TICKET_STATE_DISPATCHED;
    case LocalChange::Kind::kReplied:
      return common::TICKET_STATE_REPLIED;
    case LocalChange::Kind::kClosed:
      return common::TICKET_STATE_CLOSED;
    case LocalChange::Kind::kFollowedUp:
      return common::TICKET_STATE_FOLLOWED_UP;
    case LocalChange::Kind::kWithdrawn:
      return common::TICKET_STATE_WITHDRAWN;
  }
  return common::TICKET_STATE_UNSPECIFIED;
}

}  // namespace

absl::Status StatusRelay::Report(Transaction& tx, int64_t ticket_id,
                                 const LocalChange& change) const {
  const std::optional<TicketLink> link = messages_.LinkOf(tx, ticket_id);
  if (!link || link->received_from.empty()) return absl::OkStatus();  // taken here
  absl::StatusOr<hotline::common::v1::Ticket> ticket = tickets_.Get(tx, ticket_id);
  if (!ticket.ok()) return ticket.status();

  v1::PeerEnvelope envelope = NewEnvelope(tx, messages_, self_.code, link->received_from, ticket_id,
                                          ticket->number(), clock_.Now());
  envelope.set_in_reply_to_ticket_number(link->origin_ticket_number);
  v1::StatusUpdate* update = envelope.mutable_status_update();
  update->set_remote_ticket_number(ticket->number());
  update->set_remote_state(StateAfter(change.kind));
  *update->mutable_occurred_at() = ToTimestamp(change.at);
  switch (change.kind) {
    case LocalChange::Kind::kAccepted:
      update->mutable_accepted();
      break;
    case LocalChange::Kind::kDispatched:
      for (const std::string& unit : change.unit_ids) {
        update->mutable_dispatched()->add_unit_ids(unit);
      }
      break;
    case LocalChange::Kind::kReplied:
      update->mutable_replied()->set_unit_id(change.unit_ids.empty() ? "" : change.unit_ids[0]);
      update->mutable_replied()->set_reply(replies_.LeadReplyOf(tx, ticket_id).value_or(""));
      break;
    case LocalChange::Kind::kClosed:
      update->mutable_closed();
      break;
    case LocalChange::Kind::kFollowedUp:
      update->mutable_followed_up()->set_satisfaction(change.satisfaction);
      update->mutable_followed_up()->set_resolved(change.resolved);
      break;
    case LocalChange::Kind::kWithdrawn:
      update->mutable_withdrawn()->set_reason_code(change.reason_code);
      break;
  }
  messages_.Enqueue(tx, link->received_from, ticket_id, envelope);
  return absl::OkStatus();
}

}  // namespace hotline::transfer
