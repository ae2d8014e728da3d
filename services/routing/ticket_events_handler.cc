#include "services/routing/ticket_events_handler.h"

#include <optional>

#include "hotline/intake/v1/intake.pb.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "libs/common/log.h"
#include "libs/domain/event_types.h"
#include "libs/ticketstore/event_outbox.h"
#include "libs/ticketstore/ticket_row.h"

namespace hotline::routing {
namespace {

namespace common = hotline::common::v1;

// Who acts when routing acts by itself, on an event.
common::Actor RoutingActor(const Dispatcher& dispatcher) {
  common::Actor actor;
  actor.set_role(common::ROLE_ADMIN);
  actor.set_principal("routing");
  actor.set_jurisdiction(dispatcher.jurisdiction());
  return actor;
}

struct Trigger {
  RouteRequest request;
  common::TicketState expected;  // the state the event left the ticket in
};

Trigger MakeTrigger(std::string why, common::TicketState expected,
                    bool child_protection_emergency = false) {
  Trigger trigger;
  trigger.request.trigger = std::move(why);
  trigger.request.child_protection_emergency = child_protection_emergency;
  trigger.expected = expected;
  return trigger;
}

std::optional<Trigger> TriggerOf(const common::EventEnvelope& event) {
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
    return MakeTrigger("accepted", common::TICKET_STATE_PENDING_DISPATCH);
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

}  // namespace

// The review sent the lead's reply back (REPLIED → IN_PROGRESS).
bool IsSendBack(const common::EventEnvelope& event) {
  common::TicketStateChanged changed;
  return event.type() == event_type::kTicketStateChanged && event.payload().UnpackTo(&changed) &&
         changed.from() == common::TICKET_STATE_REPLIED &&
         changed.to() == common::TICKET_STATE_IN_PROGRESS;
}

// Supervision's clocks: a co-handler's reply limit, which the lead's reply waits for.
absl::Status OnClocksChanged(const common::EventEnvelope& event, pqxx::work& tx) {
  hotline::supervision::v1::ClocksChanged changed;
  if (!event.payload().UnpackTo(&changed)) return absl::OkStatus();
  for (const auto& clock : changed.clocks()) {
    if (clock.kind() != hotline::supervision::v1::CLOCK_KIND_CO_REPLY) continue;
    SetReplyDue(tx, clock.assignment_id(), ticketstore::FromTimestamp(clock.due_at()));
  }
  return absl::OkStatus();
}

// The lead's part goes back to SIGNED so that it can reply again; its co-handlers' opinions stand.
absl::Status OnSendBack(const Dispatcher& dispatcher, const common::EventEnvelope& event,
                        pqxx::work& tx) {
  const TicketRouting routing = RoutingStateOf(tx, event.ticket_id());
  for (hotline::routing::v1::Assignment& a :
       AssignmentsOfRound(tx, event.ticket_id(), routing.round)) {
    if (a.role() != common::ASSIGNMENT_ROLE_LEAD || a.state() != common::ASSIGNMENT_STATE_REPLIED) {
      continue;
    }
    a.set_state(common::ASSIGNMENT_STATE_SIGNED);
    SaveAssignment(tx, a);
    hotline::routing::v1::AssignmentChanged payload;
    *payload.mutable_assignment() = a;
    auto recorded =
        dispatcher.tickets().Record(tx, event.ticket_id(), 0, event_type::kRoutingAssignmentChanged,
                                    payload, RoutingActor(dispatcher));
    if (!recorded.ok()) return recorded.status();
  }
  return absl::OkStatus();
}

// Only clocks_changed events that carry a co-reply clock concern routing.
bool HasCoReplyClock(const common::EventEnvelope& event) {
  hotline::supervision::v1::ClocksChanged changed;
  if (event.type() != event_type::kSupervisionClocksChanged ||
      !event.payload().UnpackTo(&changed)) {
    return false;
  }
  for (const auto& clock : changed.clocks()) {
    if (clock.kind() == hotline::supervision::v1::CLOCK_KIND_CO_REPLY) return true;
  }
  return false;
}

bool RoutingWants(const common::EventEnvelope& event) {
  return TriggerOf(event).has_value() || IsSendBack(event) || HasCoReplyClock(event);
}

absl::Status HandleTicketEvent(const Dispatcher& dispatcher, const common::EventEnvelope& event,
                               pqxx::work& tx) {
  if (event.type() == event_type::kSupervisionClocksChanged) return OnClocksChanged(event, tx);
  if (IsSendBack(event)) return OnSendBack(dispatcher, event, tx);
  std::optional<Trigger> trigger = TriggerOf(event);
  if (!trigger) return absl::OkStatus();
  absl::StatusOr<common::Ticket> ticket = dispatcher.tickets().Get(tx, event.ticket_id());
  if (!ticket.ok()) {
    if (absl::IsNotFound(ticket.status())) return absl::OkStatus();  // another instance's event
    return ticket.status();
  }
  // Moved on since the event, or waiting by hand already: nothing to do.
  if (ticket->state() != trigger->expected) return absl::OkStatus();
  const TicketRouting routing = RoutingStateOf(tx, ticket->id());
  if (routing.queued) return absl::OkStatus();
  if (trigger->request.trigger == "resumed" &&
      ticket->state() == common::TICKET_STATE_PENDING_DISPATCH && routing.round > 0) {
    return absl::OkStatus();  // was dispatched before; the hotline office decides by hand
  }
  auto decision =
      dispatcher.Route(tx, *ticket, routing, trigger->request, RoutingActor(dispatcher));
  if (!decision.ok()) {
    // The ticket changed under us in a way the lifecycle refuses: it is not ours to route now.
    if (absl::IsFailedPrecondition(decision.status())) {
      log::Warning(
          "routing skipped a ticket the lifecycle refused",
          {{"ticket", ticket->number()}, {"error", std::string(decision.status().message())}});
      return absl::OkStatus();
    }
    return decision.status();
  }
  return absl::OkStatus();
}

}  // namespace hotline::routing
