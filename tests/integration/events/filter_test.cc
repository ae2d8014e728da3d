// A consumer acknowledges the events its group does not want without a transaction, and several
// consumers of one replica share the partitions out between them.
#include <prometheus/registry.h>

#include <catch2/catch.hpp>

#include "absl/strings/str_cat.h"
#include "libs/domain/event_types.h"
#include "libs/ticketstore/event_outbox.h"
#include "tests/integration/events/events_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::events::testing {
namespace {

namespace v1 = hotline::common::v1;
using hotline::testing::PollUntil;
using hotline::testing::TestEnv;

TEST_CASE("unwanted events are skipped and partitions are shared between consumers", "[events]") {
  EventsFixture f;
  const std::string& redis_url = TestEnv::Get().RedisUrl();
  auto redis = ConnectRedis(redis_url);
  REQUIRE(f.WriteHistories(16, 3, 1)
              .ok());  // per ticket: created, then two "intake.possible_duplicate"
  OutboxRelay relay(f.RelayOptions(redis_url), nullptr);
  PublishAll(f, relay);

  prometheus::Registry registry;
  std::vector<std::unique_ptr<EventConsumer>> consumers;
  for (int share = 0; share < 2; ++share) {
    EventConsumerOptions options =
        f.ConsumerOptions(redis_url, "noted", absl::StrCat("noted-", share));
    options.wants = [](const v1::EventEnvelope& e) {
      return e.type() == event_type::kIntakePossibleDuplicate;
    };
    for (int p = share; p < f.partitions; p += 2) options.only_partitions.push_back(p);
    EventConsumer::Handler record = f.RecordingHandler(options.consumer);
    const int partitions = f.partitions;
    // A consumer handed an event of another share's partition fails it, and the test sees that.
    auto handler = [record, share, partitions](const v1::EventEnvelope& e, pqxx::work& tx) {
      if (ticketstore::StreamPartitionOf(e.ticket_id(), partitions) % 2 != share) {
        return absl::InternalError("event of another share's partition");
      }
      return record(e, tx);
    };
    consumers.push_back(std::make_unique<EventConsumer>(options, f.pool, handler, &registry));
  }
  REQUIRE(PollUntil(absl::Seconds(20), [&] {
    for (auto& c : consumers) {
      if (!c->PollOnce().ok()) return false;
    }
    return PendingCount(f, *redis, "noted") == 0 && f.Count("SELECT count(*) FROM handled") == 32;
  }));
  CHECK(f.Count("SELECT count(DISTINCT consumer) FROM handled") == 2);
  CHECK(f.Count("SELECT count(DISTINCT event_id) FROM handled") == 32);
  CHECK(f.Count("SELECT count(*) FROM handled WHERE ticket_version = 1") == 0);  // created: skipped
  // Only the handled events were recorded as consumed; the skipped ones cost no transaction.
  CHECK(f.Count("SELECT count(*) FROM consumed_events") == 32);
  CHECK(CounterValue(registry, "hotline_consumer_failures_total") == 0);
}

}  // namespace
}  // namespace hotline::events::testing
