#include "libs/domain/event_types.h"

#include <array>

namespace hotline::event_type {
namespace {

constexpr std::array<EventTypeInfo, 27> kCatalogue = {{
    {kTicketCreated, "hotline.common.v1.TicketCreated"},
    {kTicketStateChanged, "hotline.common.v1.TicketStateChanged"},
    {kIntakeEmergencyReferred, "hotline.intake.v1.EmergencyReferred"},
    {kIntakeAnswered, "hotline.intake.v1.AnsweredFromKnowledge"},
    {kIntakePossibleDuplicate, "hotline.intake.v1.PossibleDuplicate"},
    {kIntakeSupplementAdded, "hotline.intake.v1.SupplementAdded"},
    {kIntakeMerged, "hotline.intake.v1.TicketMerged"},
    {kIntakeDuplicateUnlinked, "hotline.intake.v1.DuplicateUnlinked"},
    {kIntakeWithdrawn, "hotline.intake.v1.TicketWithdrawn"},
    {kRoutingDispatched, "hotline.routing.v1.TicketDispatched"},
    {kRoutingQueuedForManualDispatch, "hotline.routing.v1.QueuedForManualDispatch"},
    {kRoutingTransferredOut, "hotline.routing.v1.TransferredOut"},
    {kRoutingAssignmentChanged, "hotline.routing.v1.AssignmentChanged"},
    {kRoutingReplied, "hotline.routing.v1.TicketReplied"},
    {kRoutingCallerContacted, "hotline.routing.v1.CallerContacted"},
    {kRoutingObjectionRaised, "hotline.routing.v1.ObjectionRaised"},
    {kRoutingObjectionDecided, "hotline.routing.v1.ObjectionDecided"},
    {kRoutingUnitDesignated, "hotline.routing.v1.UnitDesignated"},
    {kSupervisionClocksChanged, "hotline.supervision.v1.ClocksChanged"},
    {kSupervisionDeadlineStep, "hotline.supervision.v1.DeadlineStep"},
    {kSupervisionExtensionDecided, "hotline.supervision.v1.ExtensionDecided"},
    {kSupervisionFollowedUp, "hotline.supervision.v1.FollowedUp"},
    {kTransferForwarded, "hotline.transfer.v1.TicketForwarded"},
    {kTransferReceived, "hotline.transfer.v1.TicketReceived"},
    {kTransferRemoteUpdate, "hotline.transfer.v1.RemoteUpdate"},
    {kTransferNeedsManualDispatch, "hotline.transfer.v1.NeedsManualDispatch"},
    {kTransferUnacknowledged, "hotline.transfer.v1.TransferUnacknowledged"},
}};

}  // namespace

absl::Span<const EventTypeInfo> AllEventTypes() { return kCatalogue; }

const EventTypeInfo* FindEventType(absl::string_view type) {
  for (const EventTypeInfo& info : kCatalogue) {
    if (info.type == type) return &info;
  }
  return nullptr;
}

}  // namespace hotline::event_type
