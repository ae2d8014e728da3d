#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hotline/common/v1/ticket.pb.h"
#include "hotline/routing/v1/routing.pb.h"
#include "libs/common/transaction.h"

namespace hotline::routing {

// One unit of a new dispatch round.
struct NewAssignment {
  std::string unit_id;
  hotline::common::v1::AssignmentRole role;
  int notify_order = 0;
};

// An assignment with the ticket it belongs to.
struct AssignmentRecord {
  int64_t ticket_id = 0;
  hotline::routing::v1::Assignment assignment;
};

// Where a ticket stands in routing, read with one statement.
struct TicketRouting {
  bool queued = false;                   // waiting in the manual queue
  int round = 0;                         // latest dispatch round; 0 when never dispatched
  std::vector<std::string> returned_by;  // units that returned it as its lead, in any round
};

// A contact with the caller as recorded, and whether it was the assignment's first.
struct RecordedContact {
  hotline::routing::v1::CallerContact contact;
  bool first = false;
};

// The assignments of tickets to handling units (routing_assignments), by round, and the units'
// contacts with the caller on them (routing_caller_contacts).
class AssignmentStore {
 public:
  virtual ~AssignmentStore() = default;

  // Inserts one round of assignments for `ticket`, in the order given.
  virtual std::vector<hotline::routing::v1::Assignment> Insert(
      Transaction& tx, const hotline::common::v1::Ticket& ticket, int round,
      const std::vector<NewAssignment>& units, absl::Time now) const = 0;
  // Locks the assignment row. NOT_FOUND when there is none.
  virtual absl::StatusOr<AssignmentRecord> Lock(Transaction& tx, int64_t assignment_id) const = 0;
  // Writes the mutable columns of `a` (state, times, reply, return reason).
  virtual void Save(Transaction& tx, const hotline::routing::v1::Assignment& a) const = 0;
  // Sets a co-handler's reply limit (from supervision's co-reply clock).
  virtual void SetReplyDue(Transaction& tx, int64_t assignment_id, absl::Time due) const = 0;
  virtual std::vector<hotline::routing::v1::Assignment> OfRound(Transaction& tx, int64_t ticket_id,
                                                                int round) const = 0;
  virtual TicketRouting RoutingStateOf(Transaction& tx, int64_t ticket_id) const = 0;
  // A unit's inbox, newest first; `before_id` 0 = from the newest; `state` UNSPECIFIED = any.
  virtual std::vector<hotline::routing::v1::Assignment> ListForUnit(
      Transaction& tx, const std::string& unit_id, hotline::common::v1::AssignmentState state,
      int64_t before_id, int limit) const = 0;
  // Records a contact on `a` (locked by the caller, so two contacts on one assignment queue up).
  virtual RecordedContact RecordContact(Transaction& tx, const hotline::routing::v1::Assignment& a,
                                        hotline::routing::v1::ContactMeans means,
                                        absl::Time contacted_at, absl::Time now) const = 0;
};

}  // namespace hotline::routing
