#pragma once

#include <optional>
#include <string_view>

namespace hotline::domain {

// Mirrors hotline.common.v1.TicketState number for number, so adapters convert with a cast.
enum class TicketState : int {
  kUnspecified = 0,
  kReceived = 1,
  kNotAccepted = 2,
  kAnswered = 3,
  kEmergencyReferred = 4,
  kPendingDispatch = 5,
  kDispatched = 6,
  kInProgress = 7,
  kReplied = 8,
  kClosed = 9,
  kFollowedUp = 10,
  kArchived = 11,
  kReopened = 12,
  kSuspended = 13,
  kTransferredOut = 14,
  kMerged = 15,
  kWithdrawn = 16,
};
inline constexpr int kTicketStateCount = 17;

// "RECEIVED", "PENDING_DISPATCH", … — the proto name without its prefix; stored in PostgreSQL.
std::string_view TicketStateName(TicketState state);
std::optional<TicketState> TicketStateFromName(std::string_view name);
// A state number as received on the wire; nullopt for unknown numbers and UNSPECIFIED.
std::optional<TicketState> TicketStateFromNumber(int number);

// Still being worked on: not terminal and not yet closed.
bool IsOpen(TicketState state);
// Nothing can follow (NOT_ACCEPTED, ARCHIVED, TRANSFERRED_OUT, MERGED, WITHDRAWN).
bool IsTerminal(TicketState state);

}  // namespace hotline::domain
