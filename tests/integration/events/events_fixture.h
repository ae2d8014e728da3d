#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "libs/common/clock.h"
#include "libs/events/event_consumer.h"
#include "libs/events/outbox_relay.h"
#include "libs/events/redis_connection.h"
#include "libs/pg/pg_pool.h"
#include "libs/ticketstore/pg_ticket_store.h"
#include "tests/support/scratch_database.h"

namespace prometheus {
class Registry;
}  // namespace prometheus

namespace hotline::events::testing {

// One test's world: a scratch database with the ticket core, a table the test handlers write
// their effects to, and a stream prefix of its own.
class EventsFixture {
 public:
  EventsFixture();
  // Deletes the test's keys from the suite's Redis (best effort).
  ~EventsFixture();

  // Writes `tickets` ticket histories of `events_per_ticket` events (created, then recorded
  // changes) with `writers` threads through PgTicketStore, i.e. through the outbox. `gate` runs
  // before each transaction with the number of events committed so far and may block.
  // Returns the first failure; safe to run on a thread of its own (no test assertions).
  absl::Status WriteHistories(int tickets, int events_per_ticket, int writers,
                              const std::function<void(int64_t)>& gate = {});
  int64_t written() const { return written_.load(); }

  // A handler recording (consumer, ticket, version, event) in table `handled`, in the
  // consumer's transaction; `consumption` orders rows as they were handled.
  EventConsumer::Handler RecordingHandler(const std::string& consumer);

  // Runs one query returning one number.
  int64_t Count(const std::string& sql);
  // Rows of `handled` whose version is not the next one of their ticket in handling order, plus
  // event ids handled more than once: 0 when delivery was exactly once and in order.
  int64_t OrderOrDuplicateViolations();

  OutboxRelayOptions RelayOptions(const std::string& redis_url) const;
  EventConsumerOptions ConsumerOptions(const std::string& redis_url, const std::string& group,
                                       const std::string& consumer) const;
  // Total entries over all partition streams.
  int64_t StreamLength(RedisConnection& redis);
  // Event ids of all entries over all partition streams, duplicates included.
  std::vector<std::string> StreamEventIds(RedisConnection& redis);

  hotline::testing::ScratchDatabase db;
  pg::PgPool pool;
  const std::string prefix;
  int partitions = 0;

 private:
  std::unique_ptr<ticketstore::PgTicketStore> store_;
  std::atomic<int64_t> written_{0};
};

// A connection for the test's own look at Redis; fails the test when Redis is unreachable.
std::unique_ptr<RedisConnection> ConnectRedis(const std::string& url);

// Entries of `group` read but not acknowledged, over all partitions.
int64_t PendingCount(EventsFixture& f, RedisConnection& redis, const std::string& group);

// The value of counter `name` (its first series) in `registry`; 0 when absent.
double CounterValue(prometheus::Registry& registry, const std::string& name);

// Publishes everything unpublished with `relay`, pass after pass.
void PublishAll(EventsFixture& f, OutboxRelay& relay);

}  // namespace hotline::events::testing
