#pragma once

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "hotline/common/v1/ticket.pb.h"
#include "libs/common/transaction.h"
#include "services/routing/app/dispatcher.h"

namespace hotline::routing {

// Why the ticket stream asks routing to route a ticket.
struct RouteTrigger {
  RouteRequest request;
  hotline::common::v1::TicketState expected;  // the state the event left the ticket in
};

// What routing does on the ticket stream, inside the consumer's transaction. A redelivered or
// stale event changes nothing: a ticket no longer in the state the event left it in (already
// dispatched, withdrawn, merged…) is left alone.
class EventRouting {
 public:
  explicit EventRouting(const Dispatcher& dispatcher) : dispatcher_(dispatcher) {}

  // Routes the ticket when it still waits where the event left it.
  absl::Status RouteTicket(Transaction& tx, int64_t ticket_id, const RouteTrigger& trigger) const;
  // The review sent the lead's reply back: the lead's part goes back to SIGNED so that it can
  // reply again; its co-handlers' opinions stand.
  absl::Status ReopenLeadReply(Transaction& tx, int64_t ticket_id) const;
  // Provincial transfer gave the ticket back (another province without a peer, a misdirected
  // return): it goes to the manual queue, unless it has moved on since.
  absl::Status QueueReturnedTransfer(Transaction& tx, int64_t ticket_id,
                                     const ReturnedTransfer& returned) const;
  // The ticket was withdrawn (by its caller, or recalled by the instance it came from): the live
  // assignments of its round are cancelled, each with routing.assignment_changed, so its units
  // see it gone from their work. Replied or returned parts stay as they are.
  absl::Status CancelAssignments(Transaction& tx, int64_t ticket_id) const;
  // A co-handler's reply limit (supervision's co-reply clock), which the lead's reply waits for.
  void SetReplyDue(Transaction& tx, int64_t assignment_id, absl::Time due) const;

 private:
  // Who acts when routing acts by itself.
  hotline::common::v1::Actor RoutingActor() const;

  const Dispatcher& dispatcher_;
};

}  // namespace hotline::routing
