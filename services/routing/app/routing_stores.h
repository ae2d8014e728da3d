#pragma once

#include "libs/ticketstore/ticket_store.h"
#include "services/routing/store/active_unit_store.h"
#include "services/routing/store/assignment_store.h"
#include "services/routing/store/decision_store.h"
#include "services/routing/store/manual_queue_store.h"

namespace hotline::routing {

// The stores routing's use cases write a ticket's routing through, all inside one Transaction.
struct RoutingStores {
  const ticketstore::TicketStore& tickets;
  const AssignmentStore& assignments;
  const DecisionStore& decisions;
  const ManualQueueStore& queue;
  const ActiveUnitStore& units;
};

}  // namespace hotline::routing
