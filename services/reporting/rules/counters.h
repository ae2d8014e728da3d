#pragma once

#include <optional>
#include <string_view>

#include "absl/types/span.h"

namespace hotline::reporting {

// What reporting counts. The numbers are stored (reporting_counts.counter) and must never be
// reused; the names are what the indicator catalogue's formulas sum.
enum class Counter : int {
  kReceived = 1,             // ticket.created
  kTransferredIn = 2,        // ticket.created with channel TRANSFER
  kAccepted = 3,             // RECEIVED → any state but NOT_ACCEPTED, MERGED, WITHDRAWN
  kNotAccepted = 4,          // RECEIVED → NOT_ACCEPTED; detail = the reason code
  kAnswered = 5,             // → ANSWERED (直接办结)
  kEmergencyReferred = 6,    // intake.emergency_referred
  kEmergencyChildChain = 7,  // … with the 12349 chain alerted
  kDispatched = 8,           // first routing.dispatched of a ticket
  kReassigned = 9,           // routing.dispatched after a reassignment (改派)
  kReturned = 10,            // an assignment RETURNED (退单); unit = the returning unit
  kQueuedManual = 11,        // routing.queued_for_manual_dispatch (研判)
  kLeadSigned = 12,          // the lead's assignment SIGNED
  kLeadSignedOnTime = 13,    // … before its sign-for clock was due
  kSignOverdue = 14,         // OVERDUE on a sign-for clock; unit = the clock's unit
  kReplied = 15,             // routing.replied
  kClosed = 16,              // → CLOSED (办结)
  kClosedOnTime = 17,        // … with the handling clock never overdue and the reply before due
  kOverdue = 18,             // OVERDUE on the handling clock
  kWarned = 19,              // WARNING on any clock
  kUrged = 20,               // URGING on any clock, by the ladder or by hand (督办)
  kEscalated = 21,           // ESCALATION to the unit's superior
  kReopened = 22,            // → REOPENED (重办)
  kExtensionsGranted = 23,   // supervision.extension_decided, APPROVED
  kExtensionsRefused = 24,   // … REJECTED
  kSuspended = 25,           // → SUSPENDED (挂起)
  kTransferredOut = 26,      // routing.transferred_out
  kWithdrawn = 27,           // → WITHDRAWN
  kMerged = 28,              // → MERGED
  kFollowUpCalls = 29,       // supervision.followed_up, any contact result
  kFollowedUp = 30,          // … the caller reached (回访)
  kEvaluated = 31,           // … with a satisfaction level
  kVerySatisfied = 32,       // 非常满意
  kSatisfied = 33,           // 满意
  kBasicallySatisfied = 34,  // 基本满意
  kDissatisfied = 35,        // 不满意
  kVeryDissatisfied = 36,    // 非常不满意
  kResolved = 37,            // … the caller says it was resolved
  kHandled = 38,             // → CLOSED with a handling time (dispatch to the lead's reply)
  kHandlingSeconds = 39,     // … that time in working seconds, summed
  kHandlingBucket = 40,      // … counted per bucket; detail = the bucket number (histogram.h)
  kOpen = 41,                // a level: +1 entering an open state, -1 leaving (cumulative)
  kTransferForwarded = 42,   // transfer.forwarded: sent on to another instance; detail = it
  kTransferReceived = 43,    // transfer.received: created from another instance's; detail = it
  kTransferRemoteUpdates = 44,   // transfer.remote_update; detail = the change ("closed", …)
  kTransferManualDispatch = 45,  // transfer.needs_manual_dispatch; detail = the reason code
  kFirstContacts = 46,           // routing.caller_contacted: the lead's first contact of a round
  kFirstContactsInTime = 47,     // … within the catalogue's response limit
  kObjectionsRaised = 48,        // routing.objection_raised: a lead returned in time (派单异议)
  kObjectionsUpheld = 49,        // routing.objection_decided, UPHELD; unit = the objecting unit
  kObjectionsRejected = 50,      // … REJECTED: the unit must handle it
  kDesignated = 51,              // routing.unit_designated (指定); unit = the designated unit
};

struct CounterInfo {
  Counter counter;
  std::string_view name;
};

// Every counter, in number order.
absl::Span<const CounterInfo> AllCounters();
std::string_view CounterName(Counter counter);
std::optional<Counter> CounterFromName(std::string_view name);
std::optional<Counter> CounterFromNumber(int number);

}  // namespace hotline::reporting
