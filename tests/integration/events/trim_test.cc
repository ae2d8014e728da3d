// Trimming keeps every entry some group still needs.
#include <catch2/catch.hpp>

#include "libs/events/stream_keys.h"
#include "libs/events/stream_trimmer.h"
#include "tests/integration/events/events_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::events::testing {
namespace {

using hotline::testing::PollUntil;
using hotline::testing::TestEnv;
using hotline::testing::UniqueName;

int64_t Length(RedisConnection& redis, const std::string& key) {
  absl::StatusOr<RedisValue> length = redis.Command({"XLEN", key});
  REQUIRE(length.ok());
  return length->integer;
}

std::vector<std::string> Ids(const RedisValue& entries) {
  std::vector<std::string> ids;
  for (const StreamEntry& entry : ParseEntries(entries)) ids.push_back(entry.id);
  return ids;
}

TEST_CASE("the relay trims only what every group has acknowledged", "[events]") {
  EventsFixture f;
  const std::string& redis_url = TestEnv::Get().RedisUrl();
  auto redis = ConnectRedis(redis_url);
  REQUIRE(f.WriteHistories(16, 4, 2).ok());
  OutboxRelayOptions options = f.RelayOptions(redis_url);
  options.trim.retention = absl::ZeroDuration();  // age no protection: only acknowledgement
  options.trim_every = absl::ZeroDuration();
  OutboxRelay relay(options, nullptr);
  PublishAll(f, relay);
  REQUIRE(relay.RunOnce().ok());
  CHECK(f.StreamLength(*redis) == 64);  // nobody has read them: no group, no trimming

  // "fast" reads and acknowledges everything; "slow" exists but has read nothing yet.
  EventConsumer fast(f.ConsumerOptions(redis_url, "fast", "fast-1"), f.pool,
                     f.RecordingHandler("fast-1"), nullptr);
  REQUIRE(PollUntil(absl::Seconds(10), [&] {
    return fast.PollOnce().ok() && f.Count("SELECT count(*) FROM handled") == 64;
  }));
  for (int p = 0; p < f.partitions; ++p) {
    REQUIRE(redis->Command({"XGROUP", "CREATE", StreamKey(f.prefix, p), "slow", "0"}).ok());
  }
  REQUIRE(relay.RunOnce().ok());
  CHECK(f.StreamLength(*redis) == 64);

  // "slow" reads everything and acknowledges the first half of each partition.
  for (int p = 0; p < f.partitions; ++p) {
    const std::string key = StreamKey(f.prefix, p);
    absl::StatusOr<RedisValue> read = redis->Command(
        {"XREADGROUP", "GROUP", "slow", "slow-1", "COUNT", "1000", "STREAMS", key, ">"});
    REQUIRE(read.ok());
    const std::vector<StreamBatch> batches = ParseReadReply(*read);
    REQUIRE(batches.size() == 1);
    RedisArgv ack = {"XACK", key, "slow"};
    for (size_t i = 0; i < batches[0].entries.size() / 2; ++i) {
      ack.push_back(batches[0].entries[i].id);
    }
    if (ack.size() > 3) REQUIRE(redis->Command(ack).ok());
  }
  REQUIRE(relay.RunOnce().ok());
  int64_t still_pending = 0;
  for (int p = 0; p < f.partitions; ++p) {
    const std::string key = StreamKey(f.prefix, p);
    absl::StatusOr<RedisValue> pending =
        redis->Command({"XPENDING", key, "slow", "-", "+", "1000"});
    absl::StatusOr<RedisValue> left = redis->Command({"XRANGE", key, "-", "+"});
    REQUIRE(pending.ok());
    REQUIRE(left.ok());
    std::vector<std::string> pending_ids;
    for (const RedisValue& row : pending->elements) pending_ids.push_back(row.elements[0].str);
    CHECK(Ids(*left) == pending_ids);  // exactly the unacknowledged entries are left
    still_pending += static_cast<int64_t>(pending_ids.size());
    if (!pending_ids.empty()) {
      REQUIRE(redis->Command({"XACK", key, "slow", pending_ids.back()}).ok());
    }
  }
  // Acknowledging the newest entry does not release the older ones still pending.
  REQUIRE(relay.RunOnce().ok());
  CHECK(still_pending >= 32);
  CHECK(f.StreamLength(*redis) == still_pending);
}

TEST_CASE("acknowledged entries stay for the retention period unless the stream is over max_len",
          "[events]") {
  auto redis = ConnectRedis(TestEnv::Get().RedisUrl());
  const std::string key = StreamKey(UniqueName("trim"), 0);
  auto trim = [&](const std::string& stream, TrimPolicy policy) -> int64_t {
    absl::StatusOr<int64_t> trimmed = TrimAcknowledged(*redis, stream, policy, absl::Now());
    INFO(trimmed.status().ToString());
    REQUIRE(trimmed.ok());
    return *trimmed;
  };
  for (int i = 0; i < 10; ++i) REQUIRE(redis->Command({"XADD", key, "*", "n", "1"}).ok());
  CHECK(trim(key, {absl::ZeroDuration(), 0}) == 0);  // no group yet
  CHECK(trim("no-such-stream:{0}", {absl::ZeroDuration(), 0}) == 0);

  REQUIRE(redis->Command({"XGROUP", "CREATE", key, "g", "0"}).ok());
  absl::StatusOr<RedisValue> read =
      redis->Command({"XREADGROUP", "GROUP", "g", "c", "STREAMS", key, ">"});
  REQUIRE(read.ok());
  const std::vector<StreamEntry> entries = ParseReadReply(*read).at(0).entries;
  RedisArgv ack = {"XACK", key, "g"};
  for (size_t i = 0; i < 8; ++i) ack.push_back(entries[i].id);
  REQUIRE(redis->Command(ack).ok());

  CHECK(trim(key, {absl::Hours(24), 0}) == 0);   // acknowledged, but too young
  CHECK(trim(key, {absl::Hours(24), 20}) == 0);  // under the cap
  CHECK(trim(key, {absl::Hours(24), 5}) == 8);   // over the cap: age no longer protects
  CHECK(Length(*redis, key) == 2);               // the two pending entries, whatever the cap says
  REQUIRE(redis->Command({"DEL", key}).ok());
}

TEST_CASE("a dead-letter stream is trimmed by age and length", "[events]") {
  auto redis = ConnectRedis(TestEnv::Get().RedisUrl());
  const std::string key = DeadLetterKey(UniqueName("dead"), "routing");
  const absl::Time now = absl::Now();
  // Five letters two weeks old, ten an hour old.
  for (int i = 0; i < 15; ++i) {
    const absl::Time at = now - (i < 5 ? absl::Hours(24 * 14) : absl::Hours(1));
    const std::string id = absl::StrCat(absl::ToUnixMillis(at), "-", i);
    REQUIRE(redis->Command({"XADD", key, id, "reason", "handler_failed"}).ok());
  }
  absl::StatusOr<int64_t> aged = TrimByAge(*redis, key, {absl::Hours(24 * 7), 0}, now);
  REQUIRE(aged.ok());
  CHECK(*aged == 5);
  CHECK(Length(*redis, key) == 10);
  absl::StatusOr<int64_t> capped = TrimByAge(*redis, key, {absl::Hours(24 * 7), 4}, now);
  REQUIRE(capped.ok());
  CHECK(*capped == 6);
  CHECK(Length(*redis, key) == 4);
  REQUIRE(redis->Command({"DEL", key}).ok());
}

}  // namespace
}  // namespace hotline::events::testing
