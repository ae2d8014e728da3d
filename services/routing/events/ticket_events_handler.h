#pragma once

#include "absl/status/status.h"
#include "hotline/common/v1/event.pb.h"
#include "libs/common/transaction.h"
#include "services/routing/app/event_routing.h"

namespace hotline::routing {

// The ticket stream as routing reads it (consumer group "routing"): accepted tickets, child-
// protection emergencies (the 12349 chain), reopened tickets and tickets resumed from suspension
// before dispatch are routed; a reply sent back by the review reopens the lead's part; a
// co-handler's reply limit is kept. The consumer deduplicates by event id.
class TicketEventsHandler {
 public:
  explicit TicketEventsHandler(const EventRouting& routing) : routing_(routing) {}

  // Whether routing acts on `event` at all; the consumer acknowledges the rest unread.
  bool Wants(const hotline::common::v1::EventEnvelope& event) const;
  // Runs in the consumer's transaction.
  absl::Status Handle(const hotline::common::v1::EventEnvelope& event, Transaction& tx) const;

 private:
  const EventRouting& routing_;
};

}  // namespace hotline::routing
