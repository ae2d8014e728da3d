// The consumer handles the entries of one read a few dozen per transaction, each in a savepoint;
// from a failing entry on, one at a time.
#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <atomic>
#include <catch2/catch.hpp>

#include "absl/strings/ascii.h"
#include "libs/events/stream_keys.h"
#include "tests/integration/events/events_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::events::testing {
namespace {

namespace v1 = hotline::common::v1;
using hotline::testing::PollUntil;
using hotline::testing::TestEnv;

TEST_CASE("a failing event in a batch is isolated and the others are handled once", "[events]") {
  EventsFixture f;
  const std::string& redis_url = TestEnv::Get().RedisUrl();
  auto redis = ConnectRedis(redis_url);
  REQUIRE(f.WriteHistories(16, 3, 2).ok());
  OutboxRelay relay(f.RelayOptions(redis_url), nullptr);
  PublishAll(f, relay);
  const int64_t poisoned_ticket = f.Count("SELECT min(ticket_id) FROM ticket_events");

  // Fails `failures` times, then (if ever) succeeds.
  auto run = [&](int failures, int max_deliveries, int64_t expected_handled,
                 prometheus::Registry& registry) {
    EventConsumerOptions options = f.ConsumerOptions(redis_url, "audit", "audit-1");
    options.max_deliveries = max_deliveries;
    options.max_backoff = absl::Milliseconds(100);
    EventConsumer::Handler recording = f.RecordingHandler("audit-1");
    int poisoned_calls = 0;
    EventConsumer consumer(
        options, f.pool,
        [&](const v1::EventEnvelope& event, pqxx::work& tx) {
          if (event.ticket_id() == poisoned_ticket && event.ticket_version() == 2 &&
              poisoned_calls++ < failures) {
            return absl::InvalidArgumentError("cannot handle this one yet");
          }
          return recording(event, tx);
        },
        &registry);
    REQUIRE(PollUntil(absl::Seconds(20), [&] {
      return consumer.PollOnce().ok() && PendingCount(f, *redis, "audit") == 0 &&
             f.Count("SELECT count(*) FROM handled") == expected_handled;
    }));
  };

  SECTION("dead-lettered after max_deliveries") {
    prometheus::Registry registry;
    run(/*failures=*/1000, /*max_deliveries=*/3, 47, registry);
    CHECK(CounterValue(registry, "hotline_consumer_events_consumed_total") == 47);
    CHECK(CounterValue(registry, "hotline_consumer_duplicates_total") == 0);
    CHECK(CounterValue(registry, "hotline_consumer_failures_total") == 3);
    CHECK(CounterValue(registry, "hotline_consumer_dead_lettered_total") == 1);
    // A handler failing stops its batch there; it is not a failed batch.
    CHECK(CounterValue(registry, "hotline_consumer_batch_fallbacks_total") == 0);
    absl::StatusOr<RedisValue> dead =
        redis->Command({"XRANGE", DeadLetterKey(f.prefix, "audit"), "-", "+"});
    REQUIRE(dead.ok());
    REQUIRE(dead->elements.size() == 1);
    CHECK(*ParseEntries(*dead).at(0).Field("reason") == "handler_failed");
    CHECK(*ParseEntries(*dead).at(0).Field("ticket_version") == "2");
    CHECK(f.Count("SELECT count(*) FROM handled WHERE ticket_id = " +
                  std::to_string(poisoned_ticket) + " AND ticket_version = 2") == 0);
  }
  SECTION("retried in order until it succeeds") {
    prometheus::Registry registry;
    // The first failure is inside the batch, which stops there and is not counted; the event
    // then goes one at a time, where each failed delivery counts.
    run(/*failures=*/3, /*max_deliveries=*/5, 48, registry);
    CHECK(CounterValue(registry, "hotline_consumer_events_consumed_total") == 48);
    CHECK(CounterValue(registry, "hotline_consumer_failures_total") == 2);
    CHECK(CounterValue(registry, "hotline_consumer_dead_lettered_total") == 0);
    CHECK(CounterValue(registry, "hotline_consumer_batch_fallbacks_total") == 0);
    // Each ticket's events in version order: version 3 of the poisoned ticket only after 2.
    CHECK(f.OrderOrDuplicateViolations() == 0);
  }
  // Each event handled exactly once (the dead-lettered one not at all), in either case.
  CHECK(f.Count("SELECT count(*) FROM consumed_events WHERE consumer_group = 'audit'") ==
        f.Count("SELECT count(*) FROM handled"));
}

TEST_CASE("an event in a batch twice is handled once", "[events]") {
  EventsFixture f;
  const std::string& redis_url = TestEnv::Get().RedisUrl();
  auto redis = ConnectRedis(redis_url);
  REQUIRE(f.WriteHistories(6, 3, 1).ok());
  OutboxRelay relay(f.RelayOptions(redis_url), nullptr);
  PublishAll(f, relay);

  // Every entry again on its stream (as a relay republishing would), every other copy with its
  // event id in upper case: the same uuid to PostgreSQL.
  int copies = 0;
  for (int p = 0; p < f.partitions; ++p) {
    absl::StatusOr<RedisValue> range = redis->Command({"XRANGE", StreamKey(f.prefix, p), "-", "+"});
    REQUIRE(range.ok());
    for (const StreamEntry& entry : ParseEntries(*range)) {
      RedisArgv xadd = {"XADD", StreamKey(f.prefix, p), "*"};
      for (const auto& [field, value] : entry.fields) {
        std::string copy = value;
        if (copies % 2 == 1 && field == "envelope") {
          v1::EventEnvelope envelope;
          REQUIRE(envelope.ParseFromString(value));
          envelope.set_event_id(absl::AsciiStrToUpper(envelope.event_id()));
          copy = envelope.SerializeAsString();
        }
        xadd.push_back(field);
        xadd.push_back(copy);
      }
      REQUIRE(redis->Command(xadd).ok());
      ++copies;
    }
  }
  REQUIRE(copies == 18);

  // The upper-case copies are not the outbox's bytes, which the consumer would refuse
  // (origin_test.cc); this case is of the uuid's forms alone.
  EventConsumerOptions options = f.ConsumerOptions(redis_url, "search", "search-1");
  options.prove_origin = false;
  prometheus::Registry registry;
  EventConsumer consumer(options, f.pool, f.RecordingHandler("search-1"), &registry);
  REQUIRE(PollUntil(absl::Seconds(20), [&] {
    return consumer.PollOnce().ok() && PendingCount(f, *redis, "search") == 0 &&
           CounterValue(registry, "hotline_consumer_duplicates_total") == 18;
  }));
  CHECK(f.Count("SELECT count(*) FROM handled") == 18);
  CHECK(f.OrderOrDuplicateViolations() == 0);
  CHECK(CounterValue(registry, "hotline_consumer_events_consumed_total") == 18);
  CHECK(CounterValue(registry, "hotline_consumer_failures_total") == 0);
  CHECK(CounterValue(registry, "hotline_consumer_batch_fallbacks_total") == 0);
}

TEST_CASE("a whole-read handler takes each new event once, and a failing one hands over",
          "[events]") {
  EventsFixture f;
  const std::string& redis_url = TestEnv::Get().RedisUrl();
  auto redis = ConnectRedis(redis_url);
  REQUIRE(f.WriteHistories(12, 3, 1).ok());
  OutboxRelay relay(f.RelayOptions(redis_url), nullptr);
  PublishAll(f, relay);

  // It records each read's events with one statement per read; `fail` makes it fail instead.
  std::atomic<int> reads{0};
  std::atomic<bool> fail{false};
  auto run = [&](const std::string& group) {
    EventConsumerOptions options = f.ConsumerOptions(redis_url, group, group + "-1");
    const EventConsumer::Handler one = f.RecordingHandler(group);
    options.batch_handler = [&, one](const std::vector<const v1::EventEnvelope*>& events,
                                     pqxx::work& tx) -> absl::Status {
      if (fail) return absl::InternalError("the read's statement failed");
      ++reads;
      for (const v1::EventEnvelope* e : events) {
        if (absl::Status s = one(*e, tx); !s.ok()) return s;
      }
      return absl::OkStatus();
    };
    prometheus::Registry registry;
    EventConsumer consumer(options, f.pool, one, &registry);
    REQUIRE(PollUntil(absl::Seconds(20), [&] {
      return consumer.PollOnce().ok() && PendingCount(f, *redis, group) == 0 &&
             f.Count("SELECT count(*) FROM handled WHERE consumer = '" + group + "'") == 36;
    }));
    return CounterValue(registry, "hotline_consumer_whole_batch_fallbacks_total");
  };
  CHECK(run("rollups") == 0);
  CHECK(reads > 0);
  CHECK(reads < 36);  // reads, not events
  fail = true;
  CHECK(run("search") > 0);  // every read handed over, and still each event once
  CHECK(f.Count("SELECT count(*) FROM (SELECT consumer, event_id FROM handled GROUP BY 1, 2 "
                "HAVING count(*) > 1) AS twice") == 0);
}

}  // namespace
}  // namespace hotline::events::testing
