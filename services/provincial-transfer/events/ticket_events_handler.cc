#include "services/provincial-transfer/events/ticket_events_handler.h"

#include <optional>

#include "hotline/routing/v1/routing.pb.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"

namespace hotline::transfer {
namespace {

namespace common = hotline::common::v1;

// The change a local event reports, if the origin follows it.
std::optional<LocalChange> ChangeOf(const common::EventEnvelope& event) {
  LocalChange change;
  change.at = FromTimestamp(event.occurred_at());
  if (event.type() == event_type::kTicketStateChanged) {
    common::TicketStateChanged moved;
    if (!event.payload().UnpackTo(&moved)) return std::nullopt;
    if (moved.from() == common::TICKET_STATE_RECEIVED &&
        moved.to() == common::TICKET_STATE_PENDING_DISPATCH) {
      change.kind = LocalChange::Kind::kAccepted;
      return change;
    }
    if (moved.to() == common::TICKET_STATE_CLOSED) {
      change.kind = LocalChange::Kind::kClosed;
      return change;
    }
    if (moved.to() == common::TICKET_STATE_WITHDRAWN) {
      change.kind = LocalChange::Kind::kWithdrawn;
      change.reason_code = moved.reason_code();
      return change;
    }
    return std::nullopt;
  }
  if (event.type() == event_type::kRoutingDispatched) {
    hotline::routing::v1::TicketDispatched dispatched;
    if (!event.payload().UnpackTo(&dispatched)) return std::nullopt;
    change.kind = LocalChange::Kind::kDispatched;
    for (const auto& a : dispatched.assignments()) {
      if (a.role() == common::ASSIGNMENT_ROLE_LEAD) {
        change.unit_ids.insert(change.unit_ids.begin(), a.unit_id());
      } else if (a.role() == common::ASSIGNMENT_ROLE_CO_HANDLER) {
        change.unit_ids.push_back(a.unit_id());
      }
    }
    return change;
  }
  if (event.type() == event_type::kRoutingReplied) {
    hotline::routing::v1::TicketReplied replied;
    if (!event.payload().UnpackTo(&replied)) return std::nullopt;
    change.kind = LocalChange::Kind::kReplied;
    change.unit_ids.push_back(replied.lead_unit_id());
    return change;
  }
  if (event.type() == event_type::kSupervisionFollowedUp) {
    hotline::supervision::v1::FollowedUp followed;
    if (!event.payload().UnpackTo(&followed)) return std::nullopt;
    change.kind = LocalChange::Kind::kFollowedUp;
    change.satisfaction = followed.satisfaction();
    change.resolved = followed.resolved();
    return change;
  }
  return std::nullopt;
}

}  // namespace

bool TicketEventsHandler::Wants(const common::EventEnvelope& event) const {
  return event.type() == event_type::kRoutingTransferredOut ||
         event.type() == event_type::kIntakeSupplementAdded || ChangeOf(event).has_value();
}

absl::Status TicketEventsHandler::Handle(const common::EventEnvelope& event,
                                         Transaction& tx) const {
  if (event.type() == event_type::kRoutingTransferredOut) {
    hotline::routing::v1::TransferredOut out;
    if (!event.payload().UnpackTo(&out)) {
      return absl::InvalidArgumentError("routing.transferred_out without its payload");
    }
    TransferredOutFacts facts{out.reason_code(),
                              {out.departments().begin(), out.departments().end()}};
    return forwarding_.OnTransferredOut(tx, event.ticket_id(), facts);
  }
  if (event.type() == event_type::kIntakeSupplementAdded) {
    return supplements_.OnSupplementAdded(tx, event.ticket_id(), event.ticket_version());
  }
  if (std::optional<LocalChange> change = ChangeOf(event)) {
    if (change->kind == LocalChange::Kind::kWithdrawn) {
      // Onward first (the peer it went to), then back (the peer it came from): both may apply.
      absl::Status recalled = recalling_.OnWithdrawn(tx, event.ticket_id(), change->reason_code);
      if (!recalled.ok()) return recalled;
    }
    return relay_.Report(tx, event.ticket_id(), *change);
  }
  return absl::OkStatus();
}

}  // namespace hotline::transfer
