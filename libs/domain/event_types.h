#pragma once

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

// The names of every event type the suite emits: the C++ face of the event contract in
// proto/hotline/common/v1/event_types.proto, which says who emits each and what it means.
// Services spell a type only through these constants; a test keeps both lists equal.
namespace hotline::event_type {

// The ticket core (libs/ticketstore), for every service.
inline constexpr char kTicketCreated[] = "ticket.created";
inline constexpr char kTicketStateChanged[] = "ticket.state_changed";

// Intake.
inline constexpr char kIntakeEmergencyReferred[] = "intake.emergency_referred";
inline constexpr char kIntakeAnswered[] = "intake.answered";
inline constexpr char kIntakePossibleDuplicate[] = "intake.possible_duplicate";
inline constexpr char kIntakeSupplementAdded[] = "intake.supplement_added";
inline constexpr char kIntakeMerged[] = "intake.merged";
inline constexpr char kIntakeDuplicateUnlinked[] = "intake.duplicate_unlinked";
inline constexpr char kIntakeWithdrawn[] = "intake.withdrawn";

// Routing.
inline constexpr char kRoutingDispatched[] = "routing.dispatched";
inline constexpr char kRoutingQueuedForManualDispatch[] = "routing.queued_for_manual_dispatch";
inline constexpr char kRoutingTransferredOut[] = "routing.transferred_out";
inline constexpr char kRoutingAssignmentChanged[] = "routing.assignment_changed";
inline constexpr char kRoutingReplied[] = "routing.replied";
inline constexpr char kRoutingCallerContacted[] = "routing.caller_contacted";
inline constexpr char kRoutingObjectionRaised[] = "routing.objection_raised";
inline constexpr char kRoutingObjectionDecided[] = "routing.objection_decided";
inline constexpr char kRoutingUnitDesignated[] = "routing.unit_designated";

// Supervision.
inline constexpr char kSupervisionClocksChanged[] = "supervision.clocks_changed";
inline constexpr char kSupervisionDeadlineStep[] = "supervision.deadline_step";
inline constexpr char kSupervisionExtensionDecided[] = "supervision.extension_decided";
inline constexpr char kSupervisionFollowedUp[] = "supervision.followed_up";

// Provincial transfer.
inline constexpr char kTransferForwarded[] = "transfer.forwarded";
inline constexpr char kTransferReceived[] = "transfer.received";
inline constexpr char kTransferRemoteUpdate[] = "transfer.remote_update";
inline constexpr char kTransferNeedsManualDispatch[] = "transfer.needs_manual_dispatch";
inline constexpr char kTransferUnacknowledged[] = "transfer.unacknowledged";

// One entry of the catalogue: a type and the full name of its payload message.
struct EventTypeInfo {
  absl::string_view type;
  absl::string_view payload;
};

// Every type above with its payload, in the order of the proto catalogue.
absl::Span<const EventTypeInfo> AllEventTypes();

// The entry of `type`, or null when the suite does not emit such a type.
const EventTypeInfo* FindEventType(absl::string_view type);

}  // namespace hotline::event_type
