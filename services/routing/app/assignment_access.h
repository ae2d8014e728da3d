#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "hotline/routing/v1/routing.pb.h"
#include "libs/domain/assignment_lifecycle.h"
#include "services/routing/store/assignment_store.h"

namespace hotline::routing {

// Locks the assignment and checks that it is `unit_id`'s: a unit acts only on its own, and
// another's is refused as if it did not exist (service::OutOfReach).
absl::StatusOr<AssignmentRecord> LockOwnAssignment(const AssignmentStore& assignments,
                                                   Transaction& tx, const std::string& unit_id,
                                                   int64_t assignment_id);

// LockOwnAssignment, then the assignment moved by `action` (not saved yet).
absl::StatusOr<AssignmentRecord> LockOwnAssignmentFor(const AssignmentStore& assignments,
                                                      Transaction& tx, const std::string& unit_id,
                                                      int64_t assignment_id,
                                                      domain::AssignmentAction action);

// Moves the assignment by `action`, or FAILED_PRECONDITION naming its role and state.
absl::Status MoveAssignment(hotline::routing::v1::Assignment& a, domain::AssignmentAction action);

}  // namespace hotline::routing
