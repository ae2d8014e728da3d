#pragma once

#include <vector>

#include "absl/status/status.h"
#include "libs/events/consumer_batch.h"
#include "libs/events/stream_entry.h"
#include "libs/pg/pg_pool.h"

namespace hotline::events {

// Redis carries events but is not trusted with them: anything able to write a stream key (a
// service's Redis user, an operator's redis-cli) could otherwise make a consumer act on an event
// no service wrote — a unit id of its choosing on a dispatch, a ticket closed that is not.
// Every event a service writes is first a row of ticket_events, committed with the change
// (the outbox). So an entry is believed only when that row exists with the same envelope,
// byte for byte; the rest are marked `unproven` (and lose their event) for the dead letters.
// One statement for the whole read, by the (ticket_id, ticket_version) index.
absl::Status ProveOrigin(pg::PgPool& pool, const std::vector<StreamEntry>& entries,
                         std::vector<PreparedEntry>& prepared);

}  // namespace hotline::events
