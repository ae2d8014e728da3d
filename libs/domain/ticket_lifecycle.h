#pragma once

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "libs/domain/ticket_state.h"

namespace hotline::domain {

// What happens to a ticket. The numbers are stable: tests and tools name actions by them.
enum class TicketAction : int {
  kAccept = 1,            // RECEIVED → PENDING_DISPATCH
  kReject = 2,            // RECEIVED → NOT_ACCEPTED
  kAnswerDirectly = 3,    // RECEIVED → ANSWERED
  kReferEmergency = 4,    // RECEIVED → EMERGENCY_REFERRED
  kQueueForDispatch = 5,  // EMERGENCY_REFERRED | REOPENED | TRANSFERRED_OUT → PENDING_DISPATCH
  kDispatch = 6,          // PENDING_DISPATCH | EMERGENCY_REFERRED | REOPENED → DISPATCHED
  kSign = 7,              // DISPATCHED → IN_PROGRESS
  kReturn = 8,            // DISPATCHED → PENDING_DISPATCH (退单)
  kReassign = 9,          // DISPATCHED | IN_PROGRESS → DISPATCHED (改派)
  kReply = 10,            // IN_PROGRESS → REPLIED
  kApprove = 11,          // REPLIED → CLOSED (review passed, or no review)
  kSendBack = 12,         // REPLIED → IN_PROGRESS (审核不通过)
  kFollowUp = 13,         // CLOSED | ANSWERED → FOLLOWED_UP
  kArchive = 14,          // FOLLOWED_UP → ARCHIVED
  kReopen = 15,           // CLOSED | FOLLOWED_UP → REOPENED (重办)
  kSuspend = 16,  // PENDING_DISPATCH | DISPATCHED | IN_PROGRESS | REPLIED | REOPENED → SUSPENDED
  kResume = 17,   // SUSPENDED → the state it was suspended from
  kTransferOut = 18,  // any open state → TRANSFERRED_OUT
  kMerge = 19,        // any open state → MERGED
  kWithdraw = 20,     // any open state → WITHDRAWN
};
inline constexpr int kTicketActionCount = 20;  // numbered 1..20

std::string_view TicketActionName(TicketAction action);  // "ACCEPT", "REFER_EMERGENCY", …

// A ticket's position in the lifecycle. suspended_from is set only while SUSPENDED.
struct TicketStatus {
  TicketState state = TicketState::kUnspecified;
  TicketState suspended_from = TicketState::kUnspecified;

  friend bool operator==(const TicketStatus& a, const TicketStatus& b) {
    return a.state == b.state && a.suspended_from == b.suspended_from;
  }
};

// The one table-driven ticket state machine every service uses. An illegal action returns
// FAILED_PRECONDITION naming the state and the action; it never silently does nothing.
absl::StatusOr<TicketStatus> ApplyTicketAction(const TicketStatus& current, TicketAction action);

// Actions legal from `current`, in action-number order (for consoles and error messages).
std::vector<TicketAction> AllowedTicketActions(const TicketStatus& current);

}  // namespace hotline::domain
