#include "services/reporting/rules/counters.h"

namespace hotline::reporting {
namespace {

constexpr CounterInfo kCounters[] = {
    {Counter::kReceived, "received"},
    {Counter::kTransferredIn, "transferred_in"},
    {Counter::kAccepted, "accepted"},
    {Counter::kNotAccepted, "not_accepted"},
    {Counter::kAnswered, "answered"},
    {Counter::kEmergencyReferred, "emergency_referred"},
    {Counter::kEmergencyChildChain, "emergency_child_chain"},
    {Counter::kDispatched, "dispatched"},
    {Counter::kReassigned, "reassigned"},
    {Counter::kReturned, "returned"},
    {Counter::kQueuedManual, "queued_manual"},
    {Counter::kLeadSigned, "lead_signed"},
    {Counter::kLeadSignedOnTime, "lead_signed_on_time"},
    {Counter::kSignOverdue, "sign_overdue"},
    {Counter::kReplied, "replied"},
    {Counter::kClosed, "closed"},
    {Counter::kClosedOnTime, "closed_on_time"},
    {Counter::kOverdue, "overdue"},
    {Counter::kWarned, "warned"},
    {Counter::kUrged, "urged"},
    {Counter::kEscalated, "escalated"},
    {Counter::kReopened, "reopened"},
    {Counter::kExtensionsGranted, "extensions_granted"},
    {Counter::kExtensionsRefused, "extensions_refused"},
    {Counter::kSuspended, "suspended"},
    {Counter::kTransferredOut, "transferred_out"},
    {Counter::kWithdrawn, "withdrawn"},
    {Counter::kMerged, "merged"},
    {Counter::kFollowUpCalls, "follow_up_calls"},
    {Counter::kFollowedUp, "followed_up"},
    {Counter::kEvaluated, "evaluated"},
    {Counter::kVerySatisfied, "very_satisfied"},
    {Counter::kSatisfied, "satisfied"},
    {Counter::kBasicallySatisfied, "basically_satisfied"},
    {Counter::kDissatisfied, "dissatisfied"},
    {Counter::kVeryDissatisfied, "very_dissatisfied"},
    {Counter::kResolved, "resolved"},
    {Counter::kHandled, "handled"},
    {Counter::kHandlingSeconds, "handling_seconds"},
    {Counter::kHandlingBucket, "handling_bucket"},
    {Counter::kOpen, "open"},
    {Counter::kTransferForwarded, "transfer_forwarded"},
    {Counter::kTransferReceived, "transfer_received"},
    {Counter::kTransferRemoteUpdates, "transfer_remote_updates"},
    {Counter::kTransferManualDispatch, "transfer_manual_dispatch"},
    {Counter::kFirstContacts, "first_contacts"},
    {Counter::kFirstContactsInTime, "first_contacts_in_time"},
    {Counter::kObjectionsRaised, "objections_raised"},
    {Counter::kObjectionsUpheld, "objections_upheld"},
    {Counter::kObjectionsRejected, "objections_rejected"},
    {Counter::kDesignated, "designated"},
};

}  // namespace

absl::Span<const CounterInfo> AllCounters() { return kCounters; }

std::string_view CounterName(Counter counter) {
  const std::optional<Counter> known = CounterFromNumber(static_cast<int>(counter));
  return known ? kCounters[static_cast<int>(counter) - 1].name : std::string_view("unknown");
}

std::optional<Counter> CounterFromName(std::string_view name) {
  for (const CounterInfo& info : kCounters) {
    if (info.name == name) return info.counter;
  }
  return std::nullopt;
}

std::optional<Counter> CounterFromNumber(int number) {
  const int size = static_cast<int>(sizeof(kCounters) / sizeof(kCounters[0]));
  if (number < 1 || number > size) return std::nullopt;
  return kCounters[number - 1].counter;
}

}  // namespace hotline::reporting
