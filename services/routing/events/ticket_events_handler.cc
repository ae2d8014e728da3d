#include "services/routing/events/ticket_events_handler.h"

#include <optional>
#include <string>

#include "hotline/intake/v1/intake.pb.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "hotline/transfer/v1/transfer_events.pb.h"
#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"

namespace hotline::routing {
namespace {

namespace common = hotline::common::v1;
namespace supervision = hotline::supervision::v1;

RouteTrigger MakeTrigger(std::string why, common::TicketState expected,
                         bool child_protection_emergency = false) {
  RouteTrigger trigger;
  trigger.request.trigger = std::move(why);
  trigger.request.child_protection_emergency = child_protection_emergency;
  trigger.expected = expected;
  return trigger;
}

std::optional<RouteTrigger> TriggerOf(const common::EventEnvelope& event) {
  if (event.type() == event_type::kIntakeEmergencyReferred) {
    hotline::intake::v1::EmergencyReferred referred;
    if (!event.payload().UnpackTo(&referred)) return std::nullopt;
    return MakeTrigger("emergency", common::TICKET_STATE_EMERGENCY_REFERRED,
                       referred.child_protection_emergency());
  }
  if (event.type() != event_type::kTicketStateChanged) return std::nullopt;
  common::TicketStateChanged changed;
  if (!event.payload().UnpackTo(&changed)) return std::nullopt;
  if (changed.to() == common::TICKET_STATE_PENDING_DISPATCH &&
      changed.from() == common::TICKET_STATE_RECEIVED) {
    RouteTrigger trigger = MakeTrigger("accepted", common::TICKET_STATE_PENDING_DISPATCH);
    trigger.request.caller_flagged = changed.reason_code() == "intake.caller_flagged";
    return trigger;
  }
  if (changed.to() == common::TICKET_STATE_REOPENED &&
      changed.from() != common::TICKET_STATE_SUSPENDED) {
    return MakeTrigger("reopened", common::TICKET_STATE_REOPENED);
  }
  if (changed.from() == common::TICKET_STATE_SUSPENDED &&
      (changed.to() == common::TICKET_STATE_PENDING_DISPATCH ||
       changed.to() == common::TICKET_STATE_REOPENED)) {
    return MakeTrigger("resumed", changed.to());
  }
  return std::nullopt;
}

// The review sent the lead's reply back (REPLIED → IN_PROGRESS).
bool IsSendBack(const common::EventEnvelope& event) {
  common::TicketStateChanged changed;
  return event.type() == event_type::kTicketStateChanged && event.payload().UnpackTo(&changed) &&
         changed.from() == common::TICKET_STATE_REPLIED &&
         changed.to() == common::TICKET_STATE_IN_PROGRESS;
}

// Only clocks_changed events that carry a co-reply clock concern routing.
bool HasCoReplyClock(const common::EventEnvelope& event) {
  supervision::ClocksChanged changed;
  if (event.type() != event_type::kSupervisionClocksChanged ||
      !event.payload().UnpackTo(&changed)) {
    return false;
  }
  for (const auto& clock : changed.clocks()) {
    if (clock.kind() == supervision::CLOCK_KIND_CO_REPLY) return true;
  }
  return false;
}

// The ticket was withdrawn: its units' parts end.
bool IsWithdrawal(const common::EventEnvelope& event) {
  common::TicketStateChanged changed;
  return event.type() == event_type::kTicketStateChanged && event.payload().UnpackTo(&changed) &&
         changed.to() == common::TICKET_STATE_WITHDRAWN;
}

}  // namespace

bool TicketEventsHandler::Wants(const common::EventEnvelope& event) const {
  return TriggerOf(event).has_value() || IsSendBack(event) || IsWithdrawal(event) ||
         HasCoReplyClock(event) || event.type() == event_type::kTransferNeedsManualDispatch;
}

absl::Status TicketEventsHandler::Handle(const common::EventEnvelope& event,
                                         Transaction& tx) const {
  if (event.type() == event_type::kSupervisionClocksChanged) {
    supervision::ClocksChanged changed;
    if (!event.payload().UnpackTo(&changed)) return absl::OkStatus();
    for (const auto& clock : changed.clocks()) {
      if (clock.kind() != supervision::CLOCK_KIND_CO_REPLY) continue;
      routing_.SetReplyDue(tx, clock.assignment_id(), FromTimestamp(clock.due_at()));
    }
    return absl::OkStatus();
  }
  if (IsSendBack(event)) return routing_.ReopenLeadReply(tx, event.ticket_id());
  if (IsWithdrawal(event)) return routing_.CancelAssignments(tx, event.ticket_id());
  if (event.type() == event_type::kTransferNeedsManualDispatch) {
    hotline::transfer::v1::NeedsManualDispatch returned;
    if (!event.payload().UnpackTo(&returned)) return absl::OkStatus();
    return routing_.QueueReturnedTransfer(
        tx, event.ticket_id(),
        {returned.reason_code(), returned.from_instance(), returned.returned_reason_code()});
  }
  std::optional<RouteTrigger> trigger = TriggerOf(event);
  if (!trigger) return absl::OkStatus();
  return routing_.RouteTicket(tx, event.ticket_id(), *trigger);
}

}  // namespace hotline::routing
