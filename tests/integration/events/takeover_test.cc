// Consumers that die with entries pending, and entries no handler can take.
#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <atomic>
#include <catch2/catch.hpp>

#include "libs/events/stream_keys.h"
#include "tests/integration/events/events_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::events::testing {
namespace {

namespace v1 = hotline::common::v1;
using hotline::testing::PollUntil;
using hotline::testing::TestEnv;

TEST_CASE("entries left pending by a dead consumer are claimed and take effect once", "[events]") {
  EventsFixture f;
  const std::string& redis_url = TestEnv::Get().RedisUrl();
  auto redis = ConnectRedis(redis_url);
  REQUIRE(f.WriteHistories(40, 3, 2).ok());
  OutboxRelay relay(f.RelayOptions(redis_url), nullptr);
  PublishAll(f, relay);

  // The doomed consumer handles a few events, then its handler fails for everything else, so it
  // holds the rest pending when it goes away.
  {
    std::atomic<int> budget{10};
    EventConsumer::Handler recording = f.RecordingHandler("doomed");
    EventConsumer doomed(
        f.ConsumerOptions(redis_url, "billing", "doomed"), f.pool,
        [&](const v1::EventEnvelope& event, pqxx::work& tx) {
          if (budget-- <= 0) return absl::InternalError("handler is wedged");
          return recording(event, tx);
        },
        nullptr);
    REQUIRE(PollUntil(absl::Seconds(10), [&] {
      return doomed.PollOnce().ok() && PendingCount(f, *redis, "billing") == 120 - 10;
    }));
  }
  REQUIRE(f.Count("SELECT count(*) FROM handled") == 10);

  // It had also committed one more event whose XACK never went out.
  absl::StatusOr<RedisValue> pending =
      redis->Command({"XPENDING", StreamKey(f.prefix, 0), "billing", "-", "+", "1", "doomed"});
  REQUIRE(pending.ok());
  REQUIRE(pending->elements.size() == 1);
  absl::StatusOr<RedisValue> entry =
      redis->Command({"XRANGE", StreamKey(f.prefix, 0), pending->elements[0].elements[0].str,
                      pending->elements[0].elements[0].str});
  REQUIRE(entry.ok());
  const std::vector<StreamEntry> entries = ParseEntries(*entry);
  REQUIRE(entries.size() == 1);
  const std::string* event_id = entries[0].Field("event_id");
  REQUIRE(event_id != nullptr);
  f.Count("WITH c AS (INSERT INTO consumed_events (consumer_group, event_id) VALUES ('billing', '" +
          *event_id +
          "')) INSERT INTO handled (consumer, ticket_id, ticket_version, event_id) "
          "SELECT 'doomed', ticket_id, ticket_version, event_id FROM ticket_events WHERE "
          "event_id = '" +
          *event_id + "' RETURNING 1");

  prometheus::Registry registry;
  EventConsumerOptions options = f.ConsumerOptions(redis_url, "billing", "heir");
  options.claim_min_idle = absl::Milliseconds(200);
  options.claim_every = absl::Milliseconds(100);
  EventConsumer heir(options, f.pool, f.RecordingHandler("heir"), &registry);
  REQUIRE(PollUntil(absl::Seconds(20), [&] {
    return heir.PollOnce().ok() && PendingCount(f, *redis, "billing") == 0;
  }));

  CHECK(f.Count("SELECT count(*) FROM handled") == 120);
  CHECK(f.Count("SELECT count(*) FROM handled WHERE consumer = 'heir'") == 120 - 11);
  CHECK(f.OrderOrDuplicateViolations() == 0);
  CHECK(CounterValue(registry, "hotline_consumer_claimed_total") == 110);
  CHECK(CounterValue(registry, "hotline_consumer_duplicates_total") == 1);
  CHECK(CounterValue(registry, "hotline_consumer_events_consumed_total") == 109);
}

TEST_CASE("a failing entry goes to the dead-letter stream and its partition moves on", "[events]") {
  EventsFixture f;
  const std::string& redis_url = TestEnv::Get().RedisUrl();
  auto redis = ConnectRedis(redis_url);
  REQUIRE(f.WriteHistories(16, 3, 2).ok());
  OutboxRelay relay(f.RelayOptions(redis_url), nullptr);
  PublishAll(f, relay);
  const int64_t poisoned_ticket = f.Count("SELECT min(ticket_id) FROM ticket_events");

  prometheus::Registry registry;
  EventConsumerOptions options = f.ConsumerOptions(redis_url, "notify", "notify-1");
  options.max_deliveries = 3;
  EventConsumer::Handler recording = f.RecordingHandler("notify-1");
  EventConsumer consumer(
      options, f.pool,
      [&](const v1::EventEnvelope& event, pqxx::work& tx) {
        if (event.ticket_id() == poisoned_ticket && event.ticket_version() == 2) {
          return absl::InvalidArgumentError("cannot handle this one");
        }
        return recording(event, tx);
      },
      &registry);
  REQUIRE(PollUntil(absl::Seconds(20), [&] {
    return consumer.PollOnce().ok() && f.Count("SELECT count(*) FROM handled") == 47;
  }));
  CHECK(PendingCount(f, *redis, "notify") == 0);
  CHECK(CounterValue(registry, "hotline_consumer_dead_lettered_total") == 1);
  CHECK(CounterValue(registry, "hotline_consumer_failures_total") == 3);
  absl::StatusOr<RedisValue> dead =
      redis->Command({"XRANGE", DeadLetterKey(f.prefix, "notify"), "-", "+"});
  REQUIRE(dead.ok());
  REQUIRE(dead->elements.size() == 1);
  const StreamEntry letter = ParseEntries(*dead).at(0);
  CHECK(*letter.Field("reason") == "handler_failed");
  CHECK(*letter.Field("ticket_version") == "2");
  // Version 3 of that ticket was handled only after version 2 was given up on.
  CHECK(f.Count("SELECT max(ticket_version) FROM handled WHERE ticket_id = " +
                std::to_string(poisoned_ticket)) == 3);
  CHECK(f.Count("SELECT count(*) FROM handled WHERE ticket_id = " +
                std::to_string(poisoned_ticket)) == 2);
}

}  // namespace
}  // namespace hotline::events::testing
