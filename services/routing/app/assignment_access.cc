#include "services/routing/app/assignment_access.h"

#include "libs/service/ticket_reach.h"

namespace hotline::routing {

namespace common = hotline::common::v1;

absl::StatusOr<AssignmentRecord> LockOwnAssignment(const AssignmentStore& assignments,
                                                   Transaction& tx, const std::string& unit_id,
                                                   int64_t assignment_id) {
  absl::StatusOr<AssignmentRecord> rec = assignments.Lock(tx, assignment_id);
  // Another unit's assignment is refused as if it did not exist.
  if (absl::Status reach = service::ReachOr(
          rec.status(), rec.ok() && rec->assignment.unit_id() == unit_id, "assignment");
      !reach.ok()) {
    return reach;
  }
  return rec;
}

absl::StatusOr<AssignmentRecord> LockOwnAssignmentFor(const AssignmentStore& assignments,
                                                      Transaction& tx, const std::string& unit_id,
                                                      int64_t assignment_id,
                                                      domain::AssignmentAction action) {
  absl::StatusOr<AssignmentRecord> rec = LockOwnAssignment(assignments, tx, unit_id, assignment_id);
  if (!rec.ok()) return rec;
  if (absl::Status moved = MoveAssignment(rec->assignment, action); !moved.ok()) return moved;
  return rec;
}

absl::Status MoveAssignment(hotline::routing::v1::Assignment& a, domain::AssignmentAction action) {
  absl::StatusOr<domain::AssignmentState> next =
      domain::ApplyAssignmentAction(static_cast<domain::AssignmentRole>(a.role()),
                                    static_cast<domain::AssignmentState>(a.state()), action);
  if (!next.ok()) return next.status();
  a.set_state(static_cast<common::AssignmentState>(*next));
  return absl::OkStatus();
}

}  // namespace hotline::routing
