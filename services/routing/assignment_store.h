#pragma once

#include <cstdint>
#include <optional>
#include <pqxx/transaction>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hotline/common/v1/ticket.pb.h"
#include "hotline/routing/v1/routing.pb.h"

namespace hotline::routing {

// SQL on routing_assignments, routing_decisions and routing_manual_queue. Every function runs
// inside the caller's transaction (a pg::Transact body, which maps libpqxx exceptions).

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

// Inserts one round of assignments for `ticket`, in the order given.
std::vector<hotline::routing::v1::Assignment> InsertAssignments(
    pqxx::work& tx, const hotline::common::v1::Ticket& ticket, int round,
    const std::vector<NewAssignment>& units, absl::Time now);

// Locks the assignment row. NOT_FOUND when there is none.
absl::StatusOr<AssignmentRecord> LockAssignment(pqxx::work& tx, int64_t assignment_id);

// Writes the mutable columns of `a` (state, times, reply, return reason).
void SaveAssignment(pqxx::work& tx, const hotline::routing::v1::Assignment& a);

// Where a ticket stands in routing, read with one statement.
struct TicketRouting {
  bool queued = false;                   // waiting in the manual queue
  int round = 0;                         // latest dispatch round; 0 when never dispatched
  std::vector<std::string> returned_by;  // units that returned it as its lead, in any round
};
TicketRouting RoutingStateOf(pqxx::transaction_base& tx, int64_t ticket_id);

// Sets a co-handler's reply limit (from supervision's co-reply clock).
void SetReplyDue(pqxx::work& tx, int64_t assignment_id, absl::Time due);

// The ticket's latest round (0 when never dispatched) and that round's assignments.
int CurrentRound(pqxx::transaction_base& tx, int64_t ticket_id);
std::vector<hotline::routing::v1::Assignment> AssignmentsOfRound(pqxx::transaction_base& tx,
                                                                 int64_t ticket_id, int round);

// A unit's inbox, newest first; `before_id` 0 = from the newest.
std::vector<hotline::routing::v1::Assignment> ListUnitAssignments(
    pqxx::transaction_base& tx, const std::string& unit_id,
    hotline::common::v1::AssignmentState state, int64_t before_id, int limit);

// Which of `unit_ids` are active units, and their regions; absent ids are unknown or inactive.
struct ActiveUnit {
  std::string id;
  std::string region_code;
  std::string name;
};
std::vector<ActiveUnit> ActiveUnits(pqxx::transaction_base& tx,
                                    const std::vector<std::string>& unit_ids);

void InsertDecision(pqxx::work& tx, int64_t ticket_id,
                    const hotline::routing::v1::RoutingDecision& decision);
std::vector<hotline::routing::v1::RoutingDecision> DecisionsOf(pqxx::transaction_base& tx,
                                                               int64_t ticket_id);

void Enqueue(pqxx::work& tx, int64_t ticket_id, const hotline::routing::v1::ManualQueueEntry& e);
// True when the ticket was in the queue.
bool Dequeue(pqxx::work& tx, int64_t ticket_id);
// Most urgent first, then oldest; `after` is the last entry of the previous page, if any.
struct QueueCursor {
  int urgency = 0;
  int64_t queued_at_micros = 0;
  int64_t ticket_id = 0;
};
std::vector<std::pair<QueueCursor, hotline::routing::v1::ManualQueueEntry>> ListQueue(
    pqxx::transaction_base& tx, const std::string& region_prefix,
    const std::optional<QueueCursor>& after, int limit);

}  // namespace hotline::routing
