#include "libs/domain/assignment_lifecycle.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <tuple>

#include "absl/status/status.h"

namespace hotline::domain {
namespace {

using Role = AssignmentRole;
using S = AssignmentState;
using A = AssignmentAction;

// Written out from DESIGN.md §2 and the header comments, one row per role.
const std::map<std::tuple<Role, S, A>, S>& ExpectedTransitions() {
  static const auto* table = new std::map<std::tuple<Role, S, A>, S>{
      {{Role::kLead, S::kDispatched, A::kSign}, S::kSigned},
      {{Role::kLead, S::kDispatched, A::kReturn}, S::kReturned},
      {{Role::kLead, S::kDispatched, A::kCancel}, S::kCancelled},
      {{Role::kLead, S::kSigned, A::kReply}, S::kReplied},
      {{Role::kLead, S::kSigned, A::kCancel}, S::kCancelled},
      {{Role::kLead, S::kReplied, A::kSendBack}, S::kSigned},

      {{Role::kCoHandler, S::kDispatched, A::kSign}, S::kSigned},
      {{Role::kCoHandler, S::kDispatched, A::kReturn}, S::kReturned},
      {{Role::kCoHandler, S::kDispatched, A::kCancel}, S::kCancelled},
      {{Role::kCoHandler, S::kSigned, A::kReply}, S::kReplied},
      {{Role::kCoHandler, S::kSigned, A::kCancel}, S::kCancelled},
      {{Role::kCoHandler, S::kReplied, A::kSendBack}, S::kSigned},

      // A notified unit only acknowledges, and can be withdrawn by a reassignment.
      {{Role::kNotified, S::kDispatched, A::kSign}, S::kSigned},
      {{Role::kNotified, S::kDispatched, A::kCancel}, S::kCancelled},
      {{Role::kNotified, S::kSigned, A::kCancel}, S::kCancelled},
  };
  return *table;
}

TEST_CASE("every role x state x action matches the expected table", "[assignment_lifecycle]") {
  int legal = 0;
  for (int r = 1; r <= 3; ++r) {
    for (int s = 1; s <= kAssignmentStateCount; ++s) {
      for (int a = 1; a <= kAssignmentActionCount; ++a) {
        const auto role = static_cast<Role>(r);
        const auto state = static_cast<S>(s);
        const auto action = static_cast<A>(a);
        INFO(AssignmentRoleName(role)
             << " " << AssignmentStateName(state) << " + " << AssignmentActionName(action));
        const absl::StatusOr<S> got = ApplyAssignmentAction(role, state, action);
        const auto it = ExpectedTransitions().find({role, state, action});
        if (it != ExpectedTransitions().end()) {
          ++legal;
          REQUIRE(got.ok());
          CHECK(*got == it->second);
        } else {
          REQUIRE(got.status().code() == absl::StatusCode::kFailedPrecondition);
          const std::string message(got.status().message());
          CHECK_THAT(message, Catch::Contains(std::string(AssignmentRoleName(role))));
          CHECK_THAT(message, Catch::Contains(std::string(AssignmentStateName(state))));
          CHECK_THAT(message, Catch::Contains(std::string(AssignmentActionName(action))));
        }
      }
    }
  }
  CHECK(legal == 15);
}

TEST_CASE("assignment error message", "[assignment_lifecycle]") {
  const auto got = ApplyAssignmentAction(Role::kNotified, S::kSigned, A::kReply);
  REQUIRE(got.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(got.status().message() == "cannot REPLY a NOTIFIED assignment in state SIGNED");
}

TEST_CASE("returned and cancelled assignments are final", "[assignment_lifecycle]") {
  const Role role = GENERATE(Role::kLead, Role::kCoHandler, Role::kNotified);
  const S state = GENERATE(S::kReturned, S::kCancelled);
  for (int a = 1; a <= kAssignmentActionCount; ++a) {
    CHECK_FALSE(ApplyAssignmentAction(role, state, static_cast<A>(a)).ok());
  }
}

TEST_CASE("out-of-range numbers are INVALID_ARGUMENT", "[assignment_lifecycle]") {
  const int bad = GENERATE(0, -1, 6, 99);
  CAPTURE(bad);
  CHECK(ApplyAssignmentAction(static_cast<Role>(bad), S::kDispatched, A::kSign).status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(ApplyAssignmentAction(Role::kLead, static_cast<S>(bad), A::kSign).status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(ApplyAssignmentAction(Role::kLead, S::kDispatched, static_cast<A>(bad)).status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(ApplyAssignmentAction(static_cast<Role>(4), S::kDispatched, A::kSign).status().code() ==
        absl::StatusCode::kInvalidArgument);
}

TEST_CASE("assignment names", "[assignment_lifecycle]") {
  CHECK(AssignmentRoleName(Role::kLead) == "LEAD");
  CHECK(AssignmentRoleName(Role::kCoHandler) == "CO_HANDLER");
  CHECK(AssignmentRoleName(Role::kNotified) == "NOTIFIED");
  CHECK(AssignmentRoleName(static_cast<Role>(9)) == "UNKNOWN");
  CHECK(AssignmentStateName(S::kDispatched) == "DISPATCHED");
  CHECK(AssignmentStateName(S::kSigned) == "SIGNED");
  CHECK(AssignmentStateName(S::kReplied) == "REPLIED");
  CHECK(AssignmentStateName(S::kReturned) == "RETURNED");
  CHECK(AssignmentStateName(S::kCancelled) == "CANCELLED");
  CHECK(AssignmentStateName(static_cast<S>(6)) == "UNKNOWN");
  CHECK(AssignmentActionName(A::kSign) == "SIGN");
  CHECK(AssignmentActionName(A::kReturn) == "RETURN");
  CHECK(AssignmentActionName(A::kReply) == "REPLY");
  CHECK(AssignmentActionName(A::kCancel) == "CANCEL");
  CHECK(AssignmentActionName(A::kSendBack) == "SEND_BACK");
  CHECK(AssignmentActionName(static_cast<A>(-1)) == "UNKNOWN");
}

}  // namespace
}  // namespace hotline::domain
