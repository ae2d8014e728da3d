#include "libs/domain/ticket_lifecycle.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "libs/domain/ticket_state.h"

namespace hotline::domain {
namespace {

using S = TicketState;
using A = TicketAction;

// Written out from DESIGN.md §2 and the header comments, independently of the library's table.
// Resume is handled separately below because its target depends on suspended_from.
const std::map<std::pair<S, A>, S>& ExpectedTransitions() {
  static const auto* table = new std::map<std::pair<S, A>, S>{
      {{S::kReceived, A::kAccept}, S::kPendingDispatch},
      {{S::kReceived, A::kReject}, S::kNotAccepted},
      {{S::kReceived, A::kAnswerDirectly}, S::kAnswered},
      {{S::kReceived, A::kReferEmergency}, S::kEmergencyReferred},
      {{S::kReceived, A::kTransferOut}, S::kTransferredOut},
      {{S::kReceived, A::kMerge}, S::kMerged},
      {{S::kReceived, A::kWithdraw}, S::kWithdrawn},

      {{S::kEmergencyReferred, A::kQueueForDispatch}, S::kPendingDispatch},
      {{S::kEmergencyReferred, A::kDispatch}, S::kDispatched},
      {{S::kEmergencyReferred, A::kTransferOut}, S::kTransferredOut},
      {{S::kEmergencyReferred, A::kMerge}, S::kMerged},
      {{S::kEmergencyReferred, A::kWithdraw}, S::kWithdrawn},

      {{S::kPendingDispatch, A::kDispatch}, S::kDispatched},
      {{S::kPendingDispatch, A::kSuspend}, S::kSuspended},
      {{S::kPendingDispatch, A::kTransferOut}, S::kTransferredOut},
      {{S::kPendingDispatch, A::kMerge}, S::kMerged},
      {{S::kPendingDispatch, A::kWithdraw}, S::kWithdrawn},

      {{S::kDispatched, A::kSign}, S::kInProgress},
      {{S::kDispatched, A::kReturn}, S::kPendingDispatch},
      {{S::kDispatched, A::kReassign}, S::kDispatched},
      {{S::kDispatched, A::kSuspend}, S::kSuspended},
      {{S::kDispatched, A::kTransferOut}, S::kTransferredOut},
      {{S::kDispatched, A::kMerge}, S::kMerged},
      {{S::kDispatched, A::kWithdraw}, S::kWithdrawn},

      {{S::kInProgress, A::kReassign}, S::kDispatched},
      {{S::kInProgress, A::kReply}, S::kReplied},
      {{S::kInProgress, A::kSuspend}, S::kSuspended},
      {{S::kInProgress, A::kTransferOut}, S::kTransferredOut},
      {{S::kInProgress, A::kMerge}, S::kMerged},
      {{S::kInProgress, A::kWithdraw}, S::kWithdrawn},

      {{S::kReplied, A::kApprove}, S::kClosed},
      {{S::kReplied, A::kSendBack}, S::kInProgress},
      {{S::kReplied, A::kSuspend}, S::kSuspended},
      {{S::kReplied, A::kTransferOut}, S::kTransferredOut},
      {{S::kReplied, A::kMerge}, S::kMerged},
      {{S::kReplied, A::kWithdraw}, S::kWithdrawn},

      {{S::kClosed, A::kFollowUp}, S::kFollowedUp},
      {{S::kClosed, A::kReopen}, S::kReopened},
      {{S::kAnswered, A::kFollowUp}, S::kFollowedUp},
      {{S::kFollowedUp, A::kArchive}, S::kArchived},
      {{S::kFollowedUp, A::kReopen}, S::kReopened},

      {{S::kReopened, A::kQueueForDispatch}, S::kPendingDispatch},
      {{S::kReopened, A::kDispatch}, S::kDispatched},
      {{S::kReopened, A::kSuspend}, S::kSuspended},
      {{S::kReopened, A::kTransferOut}, S::kTransferredOut},
      {{S::kReopened, A::kMerge}, S::kMerged},
      {{S::kReopened, A::kWithdraw}, S::kWithdrawn},

      {{S::kSuspended, A::kTransferOut}, S::kTransferredOut},
      {{S::kTransferredOut, A::kQueueForDispatch}, S::kPendingDispatch},
      {{S::kSuspended, A::kMerge}, S::kMerged},
      {{S::kSuspended, A::kWithdraw}, S::kWithdrawn},
      {{S::kTransferredOut, A::kWithdraw}, S::kWithdrawn},
  };
  return *table;
}

const std::set<S> kSuspendable = {S::kPendingDispatch, S::kDispatched, S::kInProgress, S::kReplied,
                                  S::kReopened};

// What the test expects from (status, action): the next status, or nullopt for illegal.
std::optional<TicketStatus> Expected(const TicketStatus& status, A action) {
  if (status.state == S::kSuspended) {
    if (kSuspendable.count(status.suspended_from) == 0) return std::nullopt;
    if (action == A::kResume) return TicketStatus{status.suspended_from, S::kUnspecified};
  } else if (status.suspended_from != S::kUnspecified) {
    return std::nullopt;
  }
  auto it = ExpectedTransitions().find({status.state, action});
  if (it == ExpectedTransitions().end()) return std::nullopt;
  if (it->second == S::kSuspended) return TicketStatus{S::kSuspended, status.state};
  return TicketStatus{it->second, S::kUnspecified};
}

TEST_CASE("ticket state names round-trip and reject unknowns", "[ticket_state]") {
  std::set<std::string_view> seen;
  for (int n = 1; n < kTicketStateCount; ++n) {
    const auto state = static_cast<S>(n);
    CAPTURE(n);
    const std::string_view name = TicketStateName(state);
    CHECK(seen.insert(name).second);
    CHECK(TicketStateFromName(name) == state);
    CHECK(TicketStateFromNumber(n) == state);
  }
  CHECK(TicketStateName(S::kUnspecified) == "UNSPECIFIED");
  CHECK(TicketStateName(S::kPendingDispatch) == "PENDING_DISPATCH");
  CHECK(TicketStateName(S::kWithdrawn) == "WITHDRAWN");
  CHECK(TicketStateName(static_cast<S>(17)) == "UNKNOWN");
  CHECK(TicketStateName(static_cast<S>(-1)) == "UNKNOWN");

  const std::string bad_name = GENERATE(as<std::string>{}, "", "UNSPECIFIED", "received",
                                        "RECEIVED ", "TICKET_STATE_RECEIVED", "UNKNOWN");
  CAPTURE(bad_name);
  CHECK_FALSE(TicketStateFromName(bad_name).has_value());
  const int bad_number = GENERATE(0, -1, 17, 100);
  CHECK_FALSE(TicketStateFromNumber(bad_number).has_value());
}

TEST_CASE("open and terminal states", "[ticket_state]") {
  const std::set<S> open = {S::kReceived,   S::kEmergencyReferred, S::kPendingDispatch,
                            S::kDispatched, S::kInProgress,        S::kReplied,
                            S::kReopened,   S::kSuspended};
  const std::set<S> terminal = {S::kNotAccepted, S::kArchived, S::kTransferredOut, S::kMerged,
                                S::kWithdrawn};
  for (int n = 0; n < kTicketStateCount; ++n) {
    const auto state = static_cast<S>(n);
    CAPTURE(TicketStateName(state));
    CHECK(IsOpen(state) == (open.count(state) == 1));
    CHECK(IsTerminal(state) == (terminal.count(state) == 1));
  }
  CHECK_FALSE(IsOpen(static_cast<S>(99)));
  CHECK_FALSE(IsTerminal(static_cast<S>(99)));
}

TEST_CASE("ticket action names", "[ticket_lifecycle]") {
  CHECK(TicketActionName(A::kAccept) == "ACCEPT");
  CHECK(TicketActionName(A::kReferEmergency) == "REFER_EMERGENCY");
  CHECK(TicketActionName(A::kQueueForDispatch) == "QUEUE_FOR_DISPATCH");
  CHECK(TicketActionName(A::kSendBack) == "SEND_BACK");
  CHECK(TicketActionName(A::kTransferOut) == "TRANSFER_OUT");
  CHECK(TicketActionName(A::kWithdraw) == "WITHDRAW");
  CHECK(TicketActionName(static_cast<A>(0)) == "UNSPECIFIED");
  CHECK(TicketActionName(static_cast<A>(21)) == "UNKNOWN");
  std::set<std::string_view> seen;
  for (int n = 1; n <= kTicketActionCount; ++n) {
    CHECK(seen.insert(TicketActionName(static_cast<A>(n))).second);
  }
}

TEST_CASE("every state x suspended_from x action matches the expected table",
          "[ticket_lifecycle]") {
  int legal = 0;
  for (int s = 0; s < kTicketStateCount; ++s) {
    for (int from = 0; from < kTicketStateCount; ++from) {
      const TicketStatus status{static_cast<S>(s), static_cast<S>(from)};
      for (int a = 1; a <= kTicketActionCount; ++a) {
        const auto action = static_cast<A>(a);
        INFO(TicketStateName(status.state)
             << " (suspended_from " << TicketStateName(status.suspended_from) << ") + "
             << TicketActionName(action));
        const absl::StatusOr<TicketStatus> got = ApplyTicketAction(status, action);
        const std::optional<TicketStatus> want = Expected(status, action);
        if (want.has_value()) {
          ++legal;
          REQUIRE(got.ok());
          CHECK(got->state == want->state);
          CHECK(got->suspended_from == want->suspended_from);
        } else {
          REQUIRE(got.status().code() == absl::StatusCode::kFailedPrecondition);
          const std::string message(got.status().message());
          CHECK_THAT(message, Catch::Contains(std::string(TicketStateName(status.state))));
          CHECK_THAT(message, Catch::Contains(std::string(TicketActionName(action))));
        }
      }
    }
  }
  // 49 rows from non-suspended states (withdrawing a transferred-out ticket among them), and for
  // each of the 5 valid suspended_from values resume, transfer out, merge and withdraw.
  CHECK(legal == 49 + 5 * 4);
}

TEST_CASE("illegal transitions say what and where", "[ticket_lifecycle]") {
  const auto got = ApplyTicketAction({S::kReceived, S::kUnspecified}, A::kSign);
  REQUIRE(got.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(got.status().message() == "cannot SIGN a ticket in state RECEIVED");

  const auto archived = ApplyTicketAction({S::kArchived, S::kUnspecified}, A::kReopen);
  CHECK(archived.status().message() == "cannot REOPEN a ticket in state ARCHIVED");
}

TEST_CASE("suspend records and resume restores the state", "[ticket_lifecycle]") {
  const S from =
      GENERATE(S::kPendingDispatch, S::kDispatched, S::kInProgress, S::kReplied, S::kReopened);
  CAPTURE(TicketStateName(from));
  const auto suspended = ApplyTicketAction({from, S::kUnspecified}, A::kSuspend);
  REQUIRE(suspended.ok());
  CHECK(*suspended == TicketStatus{S::kSuspended, from});
  CHECK_FALSE(ApplyTicketAction(*suspended, A::kSuspend).ok());
  const auto resumed = ApplyTicketAction(*suspended, A::kResume);
  REQUIRE(resumed.ok());
  CHECK(*resumed == TicketStatus{from, S::kUnspecified});
  const auto merged = ApplyTicketAction(*suspended, A::kMerge);
  REQUIRE(merged.ok());
  CHECK(*merged == TicketStatus{S::kMerged, S::kUnspecified});
}

TEST_CASE("inconsistent or unknown input is rejected", "[ticket_lifecycle]") {
  SECTION("out-of-range action numbers are INVALID_ARGUMENT") {
    const int a = GENERATE(0, -1, 21, 1000);
    const auto got = ApplyTicketAction({S::kReceived, S::kUnspecified}, static_cast<A>(a));
    CHECK(got.status().code() == absl::StatusCode::kInvalidArgument);
  }
  SECTION("out-of-range state numbers are INVALID_ARGUMENT") {
    const int s = GENERATE(-1, 17, 99);
    const auto got = ApplyTicketAction({static_cast<S>(s), S::kUnspecified}, A::kAccept);
    CHECK(got.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK(AllowedTicketActions({static_cast<S>(s), S::kUnspecified}).empty());
  }
  SECTION("out-of-range suspended_from is FAILED_PRECONDITION") {
    const S state = GENERATE(S::kSuspended, S::kReceived);
    const int from = GENERATE(-1, 17, 99);
    const auto got = ApplyTicketAction({state, static_cast<S>(from)}, A::kWithdraw);
    CHECK(got.status().code() == absl::StatusCode::kFailedPrecondition);
  }
  SECTION("resume with a non-suspendable suspended_from names it") {
    const auto got = ApplyTicketAction({S::kSuspended, S::kReceived}, A::kResume);
    REQUIRE(got.status().code() == absl::StatusCode::kFailedPrecondition);
    CHECK_THAT(std::string(got.status().message()), Catch::Contains("suspended_from RECEIVED"));
  }
}

TEST_CASE("AllowedTicketActions agrees with ApplyTicketAction", "[ticket_lifecycle]") {
  for (int s = 0; s < kTicketStateCount; ++s) {
    for (int from = 0; from < kTicketStateCount; ++from) {
      const TicketStatus status{static_cast<S>(s), static_cast<S>(from)};
      CAPTURE(s, from);
      std::vector<A> want;
      for (int a = 1; a <= kTicketActionCount; ++a) {
        if (ApplyTicketAction(status, static_cast<A>(a)).ok()) want.push_back(static_cast<A>(a));
      }
      CHECK(AllowedTicketActions(status) == want);
      // Terminal states and UNSPECIFIED allow nothing, but a transferred-out ticket that
      // provincial transfer cannot send on goes back to the manual queue, and its caller may
      // still withdraw it (transfer recalls it); every open state allows something.
      if (from == 0 && status.state == S::kTransferredOut) {
        CHECK(want == std::vector<A>{A::kQueueForDispatch, A::kWithdraw});
      } else if (from == 0 && (IsTerminal(status.state) || status.state == S::kUnspecified)) {
        CHECK(want.empty());
      }
      if (from == 0 && IsOpen(status.state) && status.state != S::kSuspended) {
        CHECK_FALSE(want.empty());
      }
    }
  }
  CHECK(AllowedTicketActions({S::kReceived, S::kUnspecified}) ==
        std::vector<A>{A::kAccept, A::kReject, A::kAnswerDirectly, A::kReferEmergency,
                       A::kTransferOut, A::kMerge, A::kWithdraw});
  CHECK(AllowedTicketActions({S::kSuspended, S::kInProgress}) ==
        std::vector<A>{A::kResume, A::kTransferOut, A::kMerge, A::kWithdraw});
}

TEST_CASE("a complaint's full journey, with a send-back and a reopen", "[ticket_lifecycle]") {
  TicketStatus status{S::kReceived, S::kUnspecified};
  const A journey[] = {A::kAccept,  A::kDispatch, A::kSign,     A::kReply,    A::kSendBack,
                       A::kSuspend, A::kResume,   A::kReply,    A::kApprove,  A::kFollowUp,
                       A::kReopen,  A::kDispatch, A::kReturn,   A::kDispatch, A::kSign,
                       A::kReply,   A::kApprove,  A::kFollowUp, A::kArchive};
  for (A action : journey) {
    INFO(TicketStateName(status.state) << " + " << TicketActionName(action));
    auto next = ApplyTicketAction(status, action);
    REQUIRE(next.ok());
    status = *next;
  }
  CHECK(status == TicketStatus{S::kArchived, S::kUnspecified});
  CHECK(AllowedTicketActions(status).empty());
}

}  // namespace
}  // namespace hotline::domain
