// The pipeline gauges on real Redis and PostgreSQL: each consumer group's lag and pending entries
// summed over the stream's partitions, and the outbox backlog with its oldest event's age.
#include "services/reporting/app/pipeline_gauges.h"

#include <prometheus/registry.h>

#include <catch2/catch.hpp>
#include <map>

#include "libs/events/redis_connection.h"
#include "libs/events/stream_keys.h"
#include "libs/pg/pg_pool.h"
#include "libs/pg/pg_transaction.h"
#include "services/reporting/store/pg_outbox_store.h"
#include "services/reporting/store/redis_stream_groups.h"
#include "tests/support/scratch_database.h"
#include "tests/support/test_env.h"

namespace hotline::reporting {
namespace {

using events::RedisConnection;
using events::StreamKey;

std::map<std::string, double> Gauges(prometheus::Registry& registry, const std::string& name) {
  std::map<std::string, double> values;
  for (const prometheus::MetricFamily& family : registry.Collect()) {
    if (family.name != name) continue;
    for (const prometheus::ClientMetric& m : family.metric) {
      values[m.label.empty() ? "" : m.label[0].value] = m.gauge.value;
    }
  }
  return values;
}

// Two partitions: five entries on the first, three on the second. Group "svc-a" reads from the
// start and has taken two entries of the first without acknowledging them; "svc-b" joined the
// first partition at its end.
std::string SeedStream(RedisConnection& redis) {
  const std::string prefix = testing::UniqueName("reporting-lag");
  for (int p = 0; p < 2; ++p) {
    for (int i = 0; i < (p == 0 ? 5 : 3); ++i) {
      REQUIRE(redis.Command({"XADD", StreamKey(prefix, p), "*", "e", "x"}).ok());
    }
    REQUIRE(redis.Command({"XGROUP", "CREATE", StreamKey(prefix, p), "svc-a", "0"}).ok());
  }
  REQUIRE(redis.Command({"XGROUP", "CREATE", StreamKey(prefix, 0), "svc-b", "$"}).ok());
  REQUIRE(redis
              .Command({"XREADGROUP", "GROUP", "svc-a", "c1", "COUNT", "2", "STREAMS",
                        StreamKey(prefix, 0), ">"})
              .ok());
  return prefix;
}

TEST_CASE("Consumer-group lag and pending entries are summed over the partitions") {
  const std::string url = testing::TestEnv::Get().RedisUrl();
  auto redis = RedisConnection::Connect(url, absl::Seconds(5));
  REQUIRE(redis.ok());
  const std::string prefix = SeedStream(**redis);

  RedisStreamGroups groups(url, prefix, /*partitions=*/3);  // the third was never written
  absl::StatusOr<std::vector<GroupBacklog>> backlogs = groups.Backlogs();
  REQUIRE(backlogs.ok());
  REQUIRE(backlogs->size() == 2);
  CHECK((*backlogs)[0].group == "svc-a");
  CHECK((*backlogs)[0].lag == 3 + 3);
  CHECK((*backlogs)[0].pending == 2);
  CHECK((*backlogs)[1].group == "svc-b");
  CHECK((*backlogs)[1].lag == 0);
  CHECK((*backlogs)[1].pending == 0);
}

TEST_CASE("The pipeline gauges export the groups and the outbox backlog") {
  const std::string url = testing::TestEnv::Get().RedisUrl();
  auto redis = RedisConnection::Connect(url, absl::Seconds(5));
  REQUIRE(redis.ok());
  const std::string prefix = SeedStream(**redis);
  testing::ScratchDatabase db;
  pg::PgPool pool({.url = db.url(), .size = 1});
  pg::PgTransactionRunner transactions(pool);
  PgOutboxStore outbox;
  RedisStreamGroups groups(url, prefix, 2);
  prometheus::Registry registry;
  PipelineGauges gauges(transactions, outbox, groups, SystemClock::Get(), registry);

  REQUIRE(gauges.Refresh().ok());
  CHECK(Gauges(registry, "hotline_reporting_stream_lag_events")["svc-a"] == 6);
  CHECK(Gauges(registry, "hotline_reporting_stream_pending_events")["svc-a"] == 2);
  CHECK(Gauges(registry, "hotline_reporting_outbox_pending_events")[""] == 0);
  CHECK(Gauges(registry, "hotline_reporting_outbox_oldest_age_seconds")[""] == 0);

  // An event committed a minute ago and not yet published; svc-a catches up on the first
  // partition.
  db.Count(
      "INSERT INTO ticket_events (event_id, ticket_id, ticket_version, type, stream_partition, "
      "occurred_at, envelope) VALUES (gen_random_uuid(), 1, 1, 'ticket.created', 0, "
      "now() - interval '1 minute', '') RETURNING 1");
  REQUIRE(
      (*redis)
          ->Command({"XREADGROUP", "GROUP", "svc-a", "c1", "STREAMS", StreamKey(prefix, 0), ">"})
          .ok());
  REQUIRE(gauges.Refresh().ok());
  CHECK(Gauges(registry, "hotline_reporting_stream_lag_events")["svc-a"] == 3);
  CHECK(Gauges(registry, "hotline_reporting_stream_pending_events")["svc-a"] == 5);
  CHECK(Gauges(registry, "hotline_reporting_outbox_pending_events")[""] == 1);
  CHECK(Gauges(registry, "hotline_reporting_outbox_oldest_age_seconds")[""] >= 60);
}

}  // namespace
}  // namespace hotline::reporting
