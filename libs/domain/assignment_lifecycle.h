#pragma once

#include <string_view>

#include "absl/status/statusor.h"

namespace hotline::domain {

// Numbers mirror hotline.common.v1.AssignmentRole / AssignmentState.
enum class AssignmentRole : int { kLead = 1, kCoHandler = 2, kNotified = 3 };
enum class AssignmentState : int {
  kDispatched = 1,
  kSigned = 2,
  kReplied = 3,
  kReturned = 4,
  kCancelled = 5,
};
enum class AssignmentAction : int {
  kSign = 1,      // DISPATCHED → SIGNED (签收)
  kReturn = 2,    // DISPATCHED → RETURNED (退单; only before signing; not for NOTIFIED)
  kReply = 3,     // SIGNED → REPLIED (lead and co-handlers; a NOTIFIED unit only signs)
  kCancel = 4,    // DISPATCHED | SIGNED → CANCELLED (改派 withdraws the old assignment)
  kSendBack = 5,  // REPLIED → SIGNED (the reply, or the lead's reply it fed, failed review;
                  // not for NOTIFIED)
};
inline constexpr int kAssignmentStateCount = 5;   // numbered 1..5
inline constexpr int kAssignmentActionCount = 5;  // numbered 1..5

std::string_view AssignmentRoleName(AssignmentRole role);
std::string_view AssignmentStateName(AssignmentState state);
std::string_view AssignmentActionName(AssignmentAction action);

// One unit's part of a ticket: table-driven like the ticket machine; illegal → FAILED_PRECONDITION.
absl::StatusOr<AssignmentState> ApplyAssignmentAction(AssignmentRole role, AssignmentState current,
                                                      AssignmentAction action);

}  // namespace hotline::domain
