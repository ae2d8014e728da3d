#include "libs/domain/ticket_state.h"

#include <array>

namespace hotline::domain {
namespace {

// Indexed by state number; these strings are stored in PostgreSQL, so they never change.
constexpr std::array<std::string_view, kTicketStateCount> kStateNames = {
    "UNSPECIFIED",      "RECEIVED",   "NOT_ACCEPTED", "ANSWERED",  "EMERGENCY_REFERRED",
    "PENDING_DISPATCH", "DISPATCHED", "IN_PROGRESS",  "REPLIED",   "CLOSED",
    "FOLLOWED_UP",      "ARCHIVED",   "REOPENED",     "SUSPENDED", "TRANSFERRED_OUT",
    "MERGED",           "WITHDRAWN",
};

}  // namespace

std::string_view TicketStateName(TicketState state) {
  const int number = static_cast<int>(state);
  if (number < 0 || number >= kTicketStateCount) return "UNKNOWN";
  return kStateNames[number];
}

std::optional<TicketState> TicketStateFromName(std::string_view name) {
  // UNSPECIFIED is never a stored state, so it does not parse (as with FromNumber).
  for (int number = 1; number < kTicketStateCount; ++number) {
    if (kStateNames[number] == name) return static_cast<TicketState>(number);
  }
  return std::nullopt;
}

std::optional<TicketState> TicketStateFromNumber(int number) {
  if (number < 1 || number >= kTicketStateCount) return std::nullopt;
  return static_cast<TicketState>(number);
}

bool IsOpen(TicketState state) {
  switch (state) {
    case TicketState::kReceived:
    case TicketState::kEmergencyReferred:
    case TicketState::kPendingDispatch:
    case TicketState::kDispatched:
    case TicketState::kInProgress:
    case TicketState::kReplied:
    case TicketState::kReopened:
    case TicketState::kSuspended:
      return true;
    default:
      return false;
  }
}

bool IsTerminal(TicketState state) {
  switch (state) {
    case TicketState::kNotAccepted:
    case TicketState::kArchived:
    case TicketState::kTransferredOut:
    case TicketState::kMerged:
    case TicketState::kWithdrawn:
      return true;
    default:
      return false;
  }
}

}  // namespace hotline::domain
