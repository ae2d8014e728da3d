#include "services/reporting/rules/event_deltas.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "hotline/intake/v1/intake.pb.h"
#include "hotline/routing/v1/routing.pb.h"
#include "hotline/transfer/v1/transfer_events.pb.h"
#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"
#include "libs/domain/region_code.h"
#include "libs/domain/ticket_state.h"
#include "services/reporting/rules/delta_counting.h"
#include "services/reporting/rules/histogram.h"
#include "services/reporting/rules/supervision_deltas.h"

namespace hotline::reporting {
namespace {

namespace common = hotline::common::v1;
namespace intake = hotline::intake::v1;
namespace routing = hotline::routing::v1;
namespace supervision = hotline::supervision::v1;
namespace transfer = hotline::transfer::v1;

bool IsOpen(common::TicketState state) {
  return domain::IsOpen(static_cast<domain::TicketState>(state));
}

// The open level follows the state: +1 entering an open state, -1 leaving it.
void FollowOpenLevel(TicketFacts& facts, common::TicketState to, Counting& count) {
  if (facts.counted_open && !IsOpen(to)) {
    count.Add(Counter::kOpen, -1);
    facts.counted_open = false;
  } else if (!facts.counted_open && IsOpen(to)) {
    count.Add(Counter::kOpen, +1);
    facts.counted_open = true;
  }
}

void Created(const common::TicketCreated& created, int64_t ticket_id, TicketFacts& facts,
             Counting& count) {
  facts = FactsFromTicket(created.ticket());
  facts.ticket_id = ticket_id;
  facts.state = common::TICKET_STATE_RECEIVED;
  count.Add(Counter::kReceived);
  if (created.ticket().channel() == common::CHANNEL_TRANSFER) count.Add(Counter::kTransferredIn);
  FollowOpenLevel(facts, facts.state, count);
}

// The handling time of a closing round: dispatch to the lead's reply, in working time.
void CountHandlingTime(TicketFacts& facts, const DeltaContext& context, Counting& count) {
  if (!facts.handling_started || !facts.replied) return;
  const absl::Duration took =
      context.calendar != nullptr
          ? context.calendar->WorkingTimeBetween(*facts.handling_started, *facts.replied)
          : std::max(absl::ZeroDuration(), *facts.replied - *facts.handling_started);
  count.Add(Counter::kHandled);
  count.Add(Counter::kHandlingSeconds, absl::ToInt64Seconds(took));
  count.Add(Counter::kHandlingBucket, 1, std::to_string(BucketOf(took)));
}

void StateChanged(const common::TicketStateChanged& changed, const DeltaContext& context,
                  TicketFacts& facts, Counting& count) {
  const common::TicketState to = changed.to();
  if (changed.from() == common::TICKET_STATE_RECEIVED) {
    if (to == common::TICKET_STATE_NOT_ACCEPTED) {
      count.Add(Counter::kNotAccepted, 1, changed.reason_code());
    } else if (to != common::TICKET_STATE_MERGED && to != common::TICKET_STATE_WITHDRAWN) {
      count.Add(Counter::kAccepted);
    }
  }
  switch (to) {
    case common::TICKET_STATE_ANSWERED:
      count.Add(Counter::kAnswered);
      break;
    case common::TICKET_STATE_CLOSED: {
      const bool late = facts.handling_late || (facts.handling_due && facts.replied &&
                                                *facts.replied > *facts.handling_due);
      count.Add(Counter::kClosed);
      if (!late) count.Add(Counter::kClosedOnTime);
      CountHandlingTime(facts, context, count);
      break;
    }
    case common::TICKET_STATE_REOPENED:
      count.Add(Counter::kReopened);
      // A new handling round: a new clock, judged afresh.
      facts.handling_started.reset();
      facts.handling_due.reset();
      facts.handling_late = false;
      facts.replied.reset();
      break;
    case common::TICKET_STATE_SUSPENDED:
      count.Add(Counter::kSuspended);
      break;
    case common::TICKET_STATE_WITHDRAWN:
      count.Add(Counter::kWithdrawn);
      break;
    case common::TICKET_STATE_MERGED:
      count.Add(Counter::kMerged);
      break;
    default:
      break;
  }
  FollowOpenLevel(facts, to, count);
  facts.state = to;
}

// The ticket's open level moves to `unit_id` ("" = no unit is handling it).
void MoveOpenLevel(TicketFacts& facts, const std::string& unit_id, Counting& count) {
  if (unit_id == facts.dims.unit_id) return;
  if (facts.counted_open) count.Add(Counter::kOpen, -1);
  facts.dims.unit_id = unit_id;
  if (facts.counted_open) count.Add(Counter::kOpen, +1);
}

void Dispatched(const routing::TicketDispatched& dispatched, TicketFacts& facts, Counting& count) {
  const routing::Assignment* lead = nullptr;
  for (const routing::Assignment& a : dispatched.assignments()) {
    if (a.role() == common::ASSIGNMENT_ROLE_LEAD) lead = &a;
  }
  if (lead != nullptr) {
    // The open level moves with the ticket to its new lead unit.
    MoveOpenLevel(facts, lead->unit_id(), count);
    facts.lead_assignment_id = lead->id();
    facts.sign_due.reset();
    facts.sign_late = false;
  }
  if (!facts.dispatched) count.Add(Counter::kDispatched);
  if (dispatched.trigger() == "reassigned") count.Add(Counter::kReassigned);
  facts.dispatched = true;
  if (!facts.handling_started) facts.handling_started = count.at();
}

void AssignmentChanged(const routing::Assignment& a, TicketFacts& facts, Counting& count) {
  if (a.state() == common::ASSIGNMENT_STATE_RETURNED) {
    count.AddForUnit(a.unit_id(), Counter::kReturned);
    // A returned lead part leaves the ticket with no unit until it is dispatched again.
    if (a.id() == facts.lead_assignment_id) {
      MoveOpenLevel(facts, "", count);
      facts.lead_assignment_id = 0;
    }
    return;
  }
  const bool lead = a.role() == common::ASSIGNMENT_ROLE_LEAD &&
                    (facts.lead_assignment_id == 0 || a.id() == facts.lead_assignment_id);
  if (a.state() != common::ASSIGNMENT_STATE_SIGNED || !lead) return;
  const absl::Time signed_at = a.has_signed_at() ? FromTimestamp(a.signed_at()) : count.at();
  count.AddForUnit(a.unit_id(), Counter::kLeadSigned);
  if (!facts.sign_late && (!facts.sign_due || signed_at <= *facts.sign_due)) {
    count.AddForUnit(a.unit_id(), Counter::kLeadSignedOnTime);
  }
}

// "closed" for REMOTE_CHANGE_CLOSED: the detail of a remote update.
std::string RemoteChangeLabel(transfer::RemoteChange change) {
  std::string name = transfer::RemoteChange_Name(change);
  constexpr absl::string_view kPrefix = "REMOTE_CHANGE_";
  if (absl::StartsWith(name, kPrefix)) name = name.substr(kPrefix.size());
  return absl::AsciiStrToLower(name);
}

// Applies the event's payload; false when its type is not counted or its payload is not the
// contract's.
bool Apply(const common::EventEnvelope& event, const DeltaContext& context, TicketFacts& facts,
           Counting& count) {
  const std::string& type = event.type();
  const google::protobuf::Any& payload = event.payload();
  if (type == event_type::kTicketCreated) {
    common::TicketCreated m;
    if (!payload.UnpackTo(&m)) return false;
    Created(m, event.ticket_id(), facts, count);
  } else if (type == event_type::kTicketStateChanged) {
    common::TicketStateChanged m;
    if (!payload.UnpackTo(&m)) return false;
    StateChanged(m, context, facts, count);
  } else if (type == event_type::kIntakeEmergencyReferred) {
    intake::EmergencyReferred m;
    if (!payload.UnpackTo(&m)) return false;
    count.Add(Counter::kEmergencyReferred);
    if (m.child_protection_emergency()) count.Add(Counter::kEmergencyChildChain);
  } else if (type == event_type::kRoutingDispatched) {
    routing::TicketDispatched m;
    if (!payload.UnpackTo(&m)) return false;
    Dispatched(m, facts, count);
  } else if (type == event_type::kRoutingQueuedForManualDispatch) {
    count.Add(Counter::kQueuedManual);
  } else if (type == event_type::kRoutingTransferredOut) {
    // Routing's hand-over to provincial transfer; what transfer then does is counted apart.
    count.Add(Counter::kTransferredOut);
  } else if (type == event_type::kTransferForwarded) {
    transfer::TicketForwarded m;
    if (!payload.UnpackTo(&m)) return false;
    count.Add(Counter::kTransferForwarded, 1, m.destination_instance());
  } else if (type == event_type::kTransferReceived) {
    transfer::TicketReceived m;
    if (!payload.UnpackTo(&m)) return false;
    count.Add(Counter::kTransferReceived, 1, m.origin_instance());
  } else if (type == event_type::kTransferRemoteUpdate) {
    transfer::RemoteUpdate m;
    if (!payload.UnpackTo(&m)) return false;
    count.Add(Counter::kTransferRemoteUpdates, 1, RemoteChangeLabel(m.change()));
  } else if (type == event_type::kTransferNeedsManualDispatch) {
    transfer::NeedsManualDispatch m;
    if (!payload.UnpackTo(&m)) return false;
    count.Add(Counter::kTransferManualDispatch, 1, m.reason_code());
  } else if (type == event_type::kRoutingAssignmentChanged) {
    routing::AssignmentChanged m;
    if (!payload.UnpackTo(&m)) return false;
    AssignmentChanged(m.assignment(), facts, count);
  } else if (type == event_type::kRoutingReplied) {
    routing::TicketReplied m;
    if (!payload.UnpackTo(&m)) return false;
    count.AddForUnit(m.lead_unit_id(), Counter::kReplied);
    facts.replied = count.at();
  } else if (type == event_type::kRoutingCallerContacted) {
    routing::CallerContacted m;
    if (!payload.UnpackTo(&m)) return false;
    CountFirstContact(m, context.response_limits, facts.dims.line, count);
  } else if (type == event_type::kRoutingObjectionRaised) {
    routing::ObjectionRaised m;
    if (!payload.UnpackTo(&m)) return false;
    count.AddForUnit(m.unit_id(), Counter::kObjectionsRaised);
  } else if (type == event_type::kRoutingObjectionDecided) {
    routing::ObjectionDecided m;
    if (!payload.UnpackTo(&m)) return false;
    if (m.state() == routing::OBJECTION_STATE_UPHELD) {
      count.AddForUnit(m.unit_id(), Counter::kObjectionsUpheld);
    }
    if (m.state() == routing::OBJECTION_STATE_REJECTED) {
      count.AddForUnit(m.unit_id(), Counter::kObjectionsRejected);
    }
  } else if (type == event_type::kRoutingUnitDesignated) {
    routing::UnitDesignated m;
    if (!payload.UnpackTo(&m)) return false;
    count.AddForUnit(m.unit_id(), Counter::kDesignated);
  } else if (type == event_type::kSupervisionClocksChanged) {
    supervision::ClocksChanged m;
    if (!payload.UnpackTo(&m)) return false;
    ApplyClocksChanged(m, facts);
  } else if (type == event_type::kSupervisionDeadlineStep) {
    supervision::DeadlineStep m;
    if (!payload.UnpackTo(&m)) return false;
    ApplyDeadlineStep(m, facts, count);
  } else if (type == event_type::kSupervisionExtensionDecided) {
    supervision::ExtensionDecided m;
    if (!payload.UnpackTo(&m)) return false;
    const supervision::ExtensionState state = m.request().state();
    if (state == supervision::EXTENSION_STATE_APPROVED) count.Add(Counter::kExtensionsGranted);
    if (state == supervision::EXTENSION_STATE_REJECTED) count.Add(Counter::kExtensionsRefused);
  } else if (type == event_type::kSupervisionFollowedUp) {
    supervision::FollowedUp m;
    if (!payload.UnpackTo(&m)) return false;
    ApplyFollowedUp(m, count);
  } else {
    return false;
  }
  return true;
}

}  // namespace

absl::Span<const absl::string_view> CountedEventTypes() {
  static constexpr absl::string_view kCounted[] = {
      event_type::kTicketCreated,
      event_type::kTicketStateChanged,
      event_type::kIntakeEmergencyReferred,
      event_type::kRoutingDispatched,
      event_type::kRoutingQueuedForManualDispatch,
      event_type::kRoutingTransferredOut,
      event_type::kRoutingAssignmentChanged,
      event_type::kRoutingReplied,
      event_type::kRoutingCallerContacted,
      event_type::kRoutingObjectionRaised,
      event_type::kRoutingObjectionDecided,
      event_type::kRoutingUnitDesignated,
      event_type::kSupervisionClocksChanged,
      event_type::kSupervisionDeadlineStep,
      event_type::kSupervisionExtensionDecided,
      event_type::kSupervisionFollowedUp,
      event_type::kTransferForwarded,
      event_type::kTransferReceived,
      event_type::kTransferRemoteUpdate,
      event_type::kTransferNeedsManualDispatch,
  };
  return kCounted;
}

bool CountsEvent(const common::EventEnvelope& event) {
  for (absl::string_view type : CountedEventTypes()) {
    if (event.type() == type) return true;
  }
  return false;
}

bool CountsWorkingTime(const common::EventEnvelope& event) {
  if (event.type() != event_type::kTicketStateChanged) return false;
  common::TicketStateChanged changed;
  return event.payload().UnpackTo(&changed) && changed.to() == common::TICKET_STATE_CLOSED;
}

bool CountsResponse(const common::EventEnvelope& event) {
  return event.type() == event_type::kRoutingCallerContacted;
}

EventOutcome ApplyEvent(const common::EventEnvelope& event, const TicketFacts& before,
                        const DeltaContext& context) {
  EventOutcome out{before, {}, false};
  const bool known = before.last_version > 0;
  if (known && event.ticket_version() <= before.last_version) return out;
  Counting count(out, FromTimestamp(event.occurred_at()), context);
  if (!Apply(event, context, out.facts, count)) return {before, {}, false};
  out.facts.last_version = event.ticket_version();
  out.changed = true;
  return out;
}

TicketFacts FactsFromTicket(const common::Ticket& ticket) {
  TicketFacts facts;
  facts.ticket_id = ticket.id();
  // Counted under the canonical code, so that "530100" and "5301" are one cell.
  absl::StatusOr<domain::RegionCode> region = domain::RegionCode::Parse(ticket.region().code());
  facts.dims.region_code = region.ok() ? region->code() : ticket.region().code();
  facts.dims.category = ticket.category();
  facts.dims.kind = ticket.kind();
  facts.dims.channel = ticket.channel();
  facts.dims.line = ticket.source_line();
  facts.dims.involves_minor = ticket.flags().involves_minor();
  facts.state = ticket.state();
  return facts;
}

}  // namespace hotline::reporting
