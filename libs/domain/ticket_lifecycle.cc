#include "libs/domain/ticket_lifecycle.h"

#include <array>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace hotline::domain {
namespace {

using S = TicketState;
using A = TicketAction;

// Target of kResume: the state recorded in suspended_from. Not a real state number.
constexpr S kWhereSuspendedFrom = static_cast<S>(-1);

struct Transition {
  S from;
  A action;
  S to;
};

// The whole ticket lifecycle (DESIGN.md §2). Anything not listed here is illegal.
constexpr Transition kTransitions[] = {
    {S::kReceived, A::kAccept, S::kPendingDispatch},
    {S::kReceived, A::kReject, S::kNotAccepted},
    {S::kReceived, A::kAnswerDirectly, S::kAnswered},
    {S::kReceived, A::kReferEmergency, S::kEmergencyReferred},
    {S::kEmergencyReferred, A::kQueueForDispatch, S::kPendingDispatch},
    {S::kReopened, A::kQueueForDispatch, S::kPendingDispatch},
    // Provincial transfer could not send it on (another province, a misdirected return): back to
    // this instance's hotline office, by hand.
    {S::kTransferredOut, A::kQueueForDispatch, S::kPendingDispatch},
    {S::kPendingDispatch, A::kDispatch, S::kDispatched},
    {S::kEmergencyReferred, A::kDispatch, S::kDispatched},
    {S::kReopened, A::kDispatch, S::kDispatched},
    {S::kDispatched, A::kSign, S::kInProgress},
    {S::kDispatched, A::kReturn, S::kPendingDispatch},
    {S::kDispatched, A::kReassign, S::kDispatched},
    {S::kInProgress, A::kReassign, S::kDispatched},
    {S::kInProgress, A::kReply, S::kReplied},
    {S::kReplied, A::kApprove, S::kClosed},
    {S::kReplied, A::kSendBack, S::kInProgress},
    {S::kClosed, A::kFollowUp, S::kFollowedUp},
    {S::kAnswered, A::kFollowUp, S::kFollowedUp},
    {S::kFollowedUp, A::kArchive, S::kArchived},
    {S::kClosed, A::kReopen, S::kReopened},
    {S::kFollowedUp, A::kReopen, S::kReopened},
    // RECEIVED and EMERGENCY_REFERRED have no handling clock yet, so nothing to pause.
    {S::kPendingDispatch, A::kSuspend, S::kSuspended},
    {S::kDispatched, A::kSuspend, S::kSuspended},
    {S::kInProgress, A::kSuspend, S::kSuspended},
    {S::kReplied, A::kSuspend, S::kSuspended},
    {S::kReopened, A::kSuspend, S::kSuspended},
    {S::kSuspended, A::kResume, kWhereSuspendedFrom},
    // Leaving the instance, or the ticket's end, from any open state.
    {S::kReceived, A::kTransferOut, S::kTransferredOut},
    {S::kEmergencyReferred, A::kTransferOut, S::kTransferredOut},
    {S::kPendingDispatch, A::kTransferOut, S::kTransferredOut},
    {S::kDispatched, A::kTransferOut, S::kTransferredOut},
    {S::kInProgress, A::kTransferOut, S::kTransferredOut},
    {S::kReplied, A::kTransferOut, S::kTransferredOut},
    {S::kReopened, A::kTransferOut, S::kTransferredOut},
    {S::kSuspended, A::kTransferOut, S::kTransferredOut},
    {S::kReceived, A::kMerge, S::kMerged},
    {S::kEmergencyReferred, A::kMerge, S::kMerged},
    {S::kPendingDispatch, A::kMerge, S::kMerged},
    {S::kDispatched, A::kMerge, S::kMerged},
    {S::kInProgress, A::kMerge, S::kMerged},
    {S::kReplied, A::kMerge, S::kMerged},
    {S::kReopened, A::kMerge, S::kMerged},
    {S::kSuspended, A::kMerge, S::kMerged},
    {S::kReceived, A::kWithdraw, S::kWithdrawn},
    {S::kEmergencyReferred, A::kWithdraw, S::kWithdrawn},
    {S::kPendingDispatch, A::kWithdraw, S::kWithdrawn},
    {S::kDispatched, A::kWithdraw, S::kWithdrawn},
    {S::kInProgress, A::kWithdraw, S::kWithdrawn},
    {S::kReplied, A::kWithdraw, S::kWithdrawn},
    {S::kReopened, A::kWithdraw, S::kWithdrawn},
    {S::kSuspended, A::kWithdraw, S::kWithdrawn},
    // The caller may still withdraw a ticket handled at another instance: transfer recalls it.
    {S::kTransferredOut, A::kWithdraw, S::kWithdrawn},
};

constexpr std::array<std::string_view, kTicketActionCount + 1> kActionNames = {
    "UNSPECIFIED",     "ACCEPT",
    "REJECT",          "ANSWER_DIRECTLY",
    "REFER_EMERGENCY", "QUEUE_FOR_DISPATCH",
    "DISPATCH",        "SIGN",
    "RETURN",          "REASSIGN",
    "REPLY",           "APPROVE",
    "SEND_BACK",       "FOLLOW_UP",
    "ARCHIVE",         "REOPEN",
    "SUSPEND",         "RESUME",
    "TRANSFER_OUT",    "MERGE",
    "WITHDRAW",
};

// Whether a SUSPENDED ticket may have come from `state`: exactly the sources of kSuspend rows.
bool IsSuspendable(S state) {
  for (const Transition& t : kTransitions) {
    if (t.action == A::kSuspend && t.from == state) return true;
  }
  return false;
}

const Transition* FindTransition(S from, A action) {
  for (const Transition& t : kTransitions) {
    if (t.from == from && t.action == action) return &t;
  }
  return nullptr;
}

// A status that no sequence of legal actions produces is corrupt input: refusing every action on
// it keeps a bad row from drifting further instead of being repaired.
absl::Status CheckConsistent(const TicketStatus& status, A action) {
  if (status.state == S::kSuspended) {
    if (IsSuspendable(status.suspended_from)) return absl::OkStatus();
    return absl::FailedPreconditionError(absl::StrFormat(
        "cannot %s a ticket in state SUSPENDED: suspended_from %s is not a state a ticket can be "
        "suspended from",
        TicketActionName(action), TicketStateName(status.suspended_from)));
  }
  if (status.suspended_from == S::kUnspecified) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrFormat(
      "cannot %s a ticket in state %s: suspended_from %s is set but it is not SUSPENDED",
      TicketActionName(action), TicketStateName(status.state),
      TicketStateName(status.suspended_from)));
}

}  // namespace

std::string_view TicketActionName(TicketAction action) {
  const int number = static_cast<int>(action);
  if (number < 0 || number > kTicketActionCount) return "UNKNOWN";
  return kActionNames[number];
}

absl::StatusOr<TicketStatus> ApplyTicketAction(const TicketStatus& current, TicketAction action) {
  const int action_number = static_cast<int>(action);
  if (action_number < 1 || action_number > kTicketActionCount) {
    return absl::InvalidArgumentError(absl::StrCat("unknown ticket action ", action_number));
  }
  const int state_number = static_cast<int>(current.state);
  if (state_number < 0 || state_number >= kTicketStateCount) {
    return absl::InvalidArgumentError(absl::StrCat("unknown ticket state ", state_number));
  }
  if (absl::Status status = CheckConsistent(current, action); !status.ok()) return status;

  const Transition* t = FindTransition(current.state, action);
  if (t == nullptr) {
    return absl::FailedPreconditionError(absl::StrFormat("cannot %s a ticket in state %s",
                                                         TicketActionName(action),
                                                         TicketStateName(current.state)));
  }
  if (t->to == kWhereSuspendedFrom) return TicketStatus{current.suspended_from, S::kUnspecified};
  if (t->to == S::kSuspended) return TicketStatus{S::kSuspended, current.state};
  return TicketStatus{t->to, S::kUnspecified};
}

std::vector<TicketAction> AllowedTicketActions(const TicketStatus& current) {
  // Asking the machine itself keeps this list from ever disagreeing with it.
  std::vector<TicketAction> allowed;
  for (int number = 1; number <= kTicketActionCount; ++number) {
    const auto action = static_cast<TicketAction>(number);
    if (ApplyTicketAction(current, action).ok()) allowed.push_back(action);
  }
  return allowed;
}

}  // namespace hotline::domain
