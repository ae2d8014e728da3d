// Redis is not trusted with events: an entry whose event is not in the database's outbox, byte
// for byte, is dead-lettered and never reaches a handler, and the genuine ones beside it are
// handled as ever.
#include <prometheus/registry.h>

#include <catch2/catch.hpp>

#include "libs/events/stream_keys.h"
#include "tests/integration/events/events_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::events::testing {
namespace {

namespace v1 = hotline::common::v1;
using hotline::testing::PollUntil;
using hotline::testing::TestEnv;

// XADDs `envelope` to `key` the way the relay writes entries.
void Forge(RedisConnection& redis, const std::string& key, const v1::EventEnvelope& envelope) {
  REQUIRE(redis
              .Command({"XADD", key, "*", "event_id", envelope.event_id(), "type", envelope.type(),
                        "ticket_id", std::to_string(envelope.ticket_id()), "ticket_version",
                        std::to_string(envelope.ticket_version()), "envelope",
                        envelope.SerializeAsString()})
              .ok());
}

TEST_CASE("entries whose event no service wrote are dead-lettered, not handled", "[events]") {
  EventsFixture f;
  const std::string& redis_url = TestEnv::Get().RedisUrl();
  auto redis = ConnectRedis(redis_url);
  REQUIRE(f.WriteHistories(4, 2, 1).ok());
  OutboxRelay relay(f.RelayOptions(redis_url), nullptr);
  PublishAll(f, relay);

  // A genuine entry to start the forgeries from, on the first partition that has one.
  std::string key;
  std::vector<StreamEntry> first;
  for (int p = 0; p < f.partitions && first.empty(); ++p) {
    key = StreamKey(f.prefix, p);
    absl::StatusOr<RedisValue> range = redis->Command({"XRANGE", key, "-", "+", "COUNT", "1"});
    REQUIRE(range.ok());
    first = ParseEntries(*range);
  }
  REQUIRE(first.size() == 1);
  v1::EventEnvelope genuine;
  REQUIRE(genuine.ParseFromString(*first[0].Field("envelope")));

  v1::EventEnvelope altered = genuine;  // the same event id, another content
  altered.set_type("ticket.closed");
  Forge(*redis, key, altered);
  v1::EventEnvelope invented = genuine;  // an id no outbox row has
  invented.set_event_id("0b9e4c2a-3f1d-4e8b-9a7c-5d6e7f8a9b0c");
  invented.set_ticket_version(genuine.ticket_version() + 7);
  Forge(*redis, key, invented);
  v1::EventEnvelope not_a_uuid = genuine;  // would fail the statement for the others
  not_a_uuid.set_event_id("drop table tickets");
  Forge(*redis, key, not_a_uuid);

  prometheus::Registry registry;
  EventConsumer consumer(f.ConsumerOptions(redis_url, "search", "search-1"), f.pool,
                         f.RecordingHandler("search-1"), &registry);
  REQUIRE(PollUntil(absl::Seconds(20), [&] {
    return consumer.PollOnce().ok() && PendingCount(f, *redis, "search") == 0 &&
           CounterValue(registry, "hotline_consumer_unproven_total") == 3;
  }));
  // The 8 genuine events, each once; none of the forged.
  CHECK(f.Count("SELECT count(*) FROM handled") == 8);
  CHECK(f.Count("SELECT count(*) FROM handled WHERE event_id = '" + invented.event_id() + "'") ==
        0);
  CHECK(f.OrderOrDuplicateViolations() == 0);
  CHECK(CounterValue(registry, "hotline_consumer_dead_lettered_total") == 3);
  absl::StatusOr<RedisValue> dead =
      redis->Command({"XRANGE", DeadLetterKey(f.prefix, "search"), "-", "+"});
  REQUIRE(dead.ok());
  const std::vector<StreamEntry> letters = ParseEntries(*dead);
  REQUIRE(letters.size() == 3);
  for (const StreamEntry& letter : letters) CHECK(*letter.Field("reason") == "not_in_outbox");
}

}  // namespace
}  // namespace hotline::events::testing
