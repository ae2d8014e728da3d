// Relays side by side, handing partitions over, and consumers meeting the same entry twice.
#include <prometheus/registry.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <thread>

#include "libs/events/stream_keys.h"
#include "tests/integration/events/events_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::events::testing {
namespace {

using hotline::testing::PollUntil;
using hotline::testing::TestEnv;

bool Disjoint(std::vector<int> a, std::vector<int> b) {
  std::vector<int> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  return common.empty();
}

TEST_CASE(
    "two relays at once publish every event exactly once and a repeated entry changes nothing",
    "[events]") {
  EventsFixture f;
  const std::string& redis_url = TestEnv::Get().RedisUrl();
  auto redis = ConnectRedis(redis_url);
  prometheus::Registry metrics_one, metrics_two;
  OutboxRelay one(f.RelayOptions(redis_url), &metrics_one);
  OutboxRelay two(f.RelayOptions(redis_url), &metrics_two);
  one.Start();
  two.Start();
  REQUIRE(PollUntil(absl::Seconds(10), [&] {
    return static_cast<int>(one.OwnedPartitions().size() + two.OwnedPartitions().size()) ==
           f.partitions;
  }));
  CHECK(Disjoint(one.OwnedPartitions(), two.OwnedPartitions()));

  // Writers race both relays; half-way, the first relay is shut down and the second takes over.
  absl::Status written;
  std::thread writers([&] { written = f.WriteHistories(100, 5, 4); });
  PollUntil(absl::Seconds(20), [&] { return f.written() >= 250; });
  one.Stop();
  CHECK(one.OwnedPartitions().empty());
  const bool taken_over = PollUntil(absl::Seconds(10), [&] {
    return static_cast<int>(two.OwnedPartitions().size()) == f.partitions;
  });
  writers.join();
  REQUIRE(written.ok());
  REQUIRE(taken_over);
  REQUIRE(PollUntil(absl::Seconds(20),
                    [&] { return f.Count("SELECT count(*) FROM outbox_pending") == 0; }));
  two.Stop();

  const std::vector<std::string> ids = f.StreamEventIds(*redis);
  CHECK(ids.size() == 500);
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == 500);
  CHECK(CounterValue(metrics_one, "hotline_relay_published_events_total") +
            CounterValue(metrics_two, "hotline_relay_published_events_total") ==
        500);

  prometheus::Registry registry;
  EventConsumer consumer(f.ConsumerOptions(redis_url, "search", "search-1"), f.pool,
                         f.RecordingHandler("search-1"), &registry);
  auto handled = [&] { return f.Count("SELECT count(*) FROM handled"); };
  REQUIRE(
      PollUntil(absl::Seconds(20), [&] { return consumer.PollOnce().ok() && handled() == 500; }));

  // A copy of an entry (a relay republishing), and a whole partition delivered again.
  const std::string key = StreamKey(f.prefix, 1);
  absl::StatusOr<RedisValue> first = redis->Command({"XRANGE", key, "-", "+", "COUNT", "1"});
  REQUIRE(first.ok());
  const StreamEntry original = ParseEntries(*first).at(0);
  RedisArgv copy = {"XADD", key, "*"};
  for (const auto& [field, value] : original.fields) {
    copy.push_back(field);
    copy.push_back(value);
  }
  REQUIRE(redis->Command(copy).ok());
  absl::StatusOr<RedisValue> length = redis->Command({"XLEN", key});
  REQUIRE(length.ok());
  REQUIRE(redis->Command({"XGROUP", "SETID", key, "search", "0"}).ok());
  REQUIRE(PollUntil(absl::Seconds(10), [&] {
    return consumer.PollOnce().ok() &&
           CounterValue(registry, "hotline_consumer_duplicates_total") == length->integer;
  }));
  CHECK(handled() == 500);
  CHECK(f.OrderOrDuplicateViolations() == 0);
  CHECK(PendingCount(f, *redis, "search") == 0);
}

}  // namespace
}  // namespace hotline::events::testing
