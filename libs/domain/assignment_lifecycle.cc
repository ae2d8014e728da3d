#include "libs/domain/assignment_lifecycle.h"

#include <array>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace hotline::domain {
namespace {

using Role = AssignmentRole;
using S = AssignmentState;
using A = AssignmentAction;

// Which roles a row applies to, as a bit per role number.
using RoleMask = uint8_t;
constexpr RoleMask Bit(Role role) { return static_cast<RoleMask>(1u << static_cast<int>(role)); }
constexpr RoleMask kAnyRole = Bit(Role::kLead) | Bit(Role::kCoHandler) | Bit(Role::kNotified);
// A NOTIFIED unit is only informed: it acknowledges receipt and has nothing to return or answer.
constexpr RoleMask kHandlers = Bit(Role::kLead) | Bit(Role::kCoHandler);

struct Transition {
  RoleMask roles;
  S from;
  A action;
  S to;
};

constexpr Transition kTransitions[] = {
    {kAnyRole, S::kDispatched, A::kSign, S::kSigned},
    {kHandlers, S::kDispatched, A::kReturn, S::kReturned},
    {kHandlers, S::kSigned, A::kReply, S::kReplied},
    {kAnyRole, S::kDispatched, A::kCancel, S::kCancelled},
    {kAnyRole, S::kSigned, A::kCancel, S::kCancelled},
    {kHandlers, S::kReplied, A::kSendBack, S::kSigned},
};

constexpr std::array<std::string_view, 4> kRoleNames = {"UNSPECIFIED", "LEAD", "CO_HANDLER",
                                                        "NOTIFIED"};
constexpr std::array<std::string_view, kAssignmentStateCount + 1> kStateNames = {
    "UNSPECIFIED", "DISPATCHED", "SIGNED", "REPLIED", "RETURNED", "CANCELLED"};
constexpr std::array<std::string_view, kAssignmentActionCount + 1> kActionNames = {
    "UNSPECIFIED", "SIGN", "RETURN", "REPLY", "CANCEL", "SEND_BACK"};

template <typename Enum, size_t N>
std::string_view NameOf(const std::array<std::string_view, N>& names, Enum value) {
  const int number = static_cast<int>(value);
  if (number < 0 || number >= static_cast<int>(N)) return "UNKNOWN";
  return names[number];
}

}  // namespace

std::string_view AssignmentRoleName(AssignmentRole role) { return NameOf(kRoleNames, role); }
std::string_view AssignmentStateName(AssignmentState state) { return NameOf(kStateNames, state); }
std::string_view AssignmentActionName(AssignmentAction action) {
  return NameOf(kActionNames, action);
}

absl::StatusOr<AssignmentState> ApplyAssignmentAction(AssignmentRole role, AssignmentState current,
                                                      AssignmentAction action) {
  const int role_number = static_cast<int>(role);
  const int state_number = static_cast<int>(current);
  const int action_number = static_cast<int>(action);
  if (role_number < 1 || role_number >= static_cast<int>(kRoleNames.size())) {
    return absl::InvalidArgumentError(absl::StrCat("unknown assignment role ", role_number));
  }
  if (state_number < 1 || state_number > kAssignmentStateCount) {
    return absl::InvalidArgumentError(absl::StrCat("unknown assignment state ", state_number));
  }
  if (action_number < 1 || action_number > kAssignmentActionCount) {
    return absl::InvalidArgumentError(absl::StrCat("unknown assignment action ", action_number));
  }
  for (const Transition& t : kTransitions) {
    if ((t.roles & Bit(role)) != 0 && t.from == current && t.action == action) return t.to;
  }
  return absl::FailedPreconditionError(
      absl::StrFormat("cannot %s a %s assignment in state %s", AssignmentActionName(action),
                      AssignmentRoleName(role), AssignmentStateName(current)));
}

}  // namespace hotline::domain
