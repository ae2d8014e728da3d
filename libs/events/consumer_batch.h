#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <pqxx/transaction>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "hotline/common/v1/event.pb.h"
#include "libs/events/stream_entry.h"
#include "libs/pg/pg_pool.h"

namespace hotline::events {

// A stream entry as EventConsumer sees it before handling anything.
struct PreparedEntry {
  int64_t delivered = 1;  // deliveries, this one included
  // Its event, when it goes to the handler: none when the entry was deleted, was delivered more
  // than max_deliveries times or is malformed.
  std::optional<hotline::common::v1::EventEnvelope> event;
  // Of a type the consumer does not handle: acknowledged without a transaction.
  bool skipped = false;
  // Its event is not in the outbox as given (ProveOrigin): dead-lettered, never handled.
  bool unproven = false;
};

// `deliveries`: counts by entry id; an entry not there was delivered once.
// `wants` (may be empty: every event) says which events go to the handler.
std::vector<PreparedEntry> PrepareEntries(
    const std::vector<StreamEntry>& entries,
    const absl::flat_hash_map<std::string, int64_t>& deliveries, int max_deliveries,
    const std::function<bool(const hotline::common::v1::EventEnvelope&)>& wants);

// EventConsumer's fast path: the events of one read handled a few dozen per transaction. One
// statement records their ids in consumed_events; `handler` then runs, in stream order, for each
// id that statement inserted (the first occurrence only, when an id is there twice), each inside a
// savepoint; the transaction commits once. When a handler fails, its savepoint is rolled back, the
// ids from that event on are forgotten again, and the events handled before it are committed, so
// no handler's work is undone once it succeeded. Returns, per entry: true when its event was
// handled, false when it was a duplicate, nullopt when it was not reached (the failed event and
// everything after it, or all of them on an error): the caller handles those one at a time.
// Entries without an event get nullopt too.
absl::StatusOr<std::vector<std::optional<bool>>> HandleInOneTransaction(
    pg::PgPool& pool, const std::string& group, const std::vector<PreparedEntry>& entries,
    const std::function<absl::Status(const hotline::common::v1::EventEnvelope&, pqxx::work&)>&
        handler);

// A handler of all the new events of one read at once, in stream order (each id once), inside
// one transaction: what a consumer that aggregates (counts, rollups) offers to write one
// statement per table per read instead of one per event.
using BatchHandler = std::function<absl::Status(
    const std::vector<const hotline::common::v1::EventEnvelope*>&, pqxx::work&)>;

// The events of one read in one transaction without savepoints: one statement records their ids,
// `handler` takes those it inserted. Per entry: true handled, false a duplicate, nullopt no
// event. Any failure undoes the whole transaction and is returned: the caller then goes event by
// event (HandleInOneTransaction), which isolates the one that fails.
absl::StatusOr<std::vector<std::optional<bool>>> HandleAsOneBatch(
    pg::PgPool& pool, const std::string& group, const std::vector<PreparedEntry>& entries,
    const BatchHandler& handler);

}  // namespace hotline::events
