#pragma once

#include <pqxx/transaction>

#include "absl/status/status.h"
#include "hotline/common/v1/event.pb.h"
#include "services/routing/dispatcher.h"

namespace hotline::routing {

// What routing does with the ticket stream (consumer group "routing"): dispatches accepted
// tickets, child-protection emergencies (the 12349 chain), reopened tickets, and tickets resumed
// from suspension before they were dispatched. Runs in the consumer's transaction; the consumer
// deduplicates by event id, and a ticket no longer in the state the event left it in (already
// dispatched, withdrawn, merged…) is left alone, so a redelivered or stale event changes nothing.
// Whether routing acts on `event` at all; the consumer acknowledges the rest unread.
bool RoutingWants(const hotline::common::v1::EventEnvelope& event);

absl::Status HandleTicketEvent(const Dispatcher& dispatcher,
                               const hotline::common::v1::EventEnvelope& event, pqxx::work& tx);

}  // namespace hotline::routing
