#include "tests/integration/events/events_fixture.h"

#include <prometheus/registry.h>

#include <catch2/catch.hpp>
#include <pqxx/nontransaction>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/domain/event_types.h"
#include "libs/events/stream_entry.h"
#include "libs/events/stream_keys.h"
#include "libs/pg/transact.h"
#include "libs/ticketstore/event_outbox.h"
#include "tests/support/core/sample_tickets.h"
#include "tests/support/test_env.h"

namespace hotline::events::testing {
namespace {

namespace v1 = hotline::common::v1;
using hotline::testing::PollUntil;
using hotline::testing::UniqueName;

constexpr char kCreateHandled[] = R"sql(
CREATE TABLE handled (
  consumption bigserial PRIMARY KEY,
  consumer text NOT NULL,
  ticket_id bigint NOT NULL,
  ticket_version bigint NOT NULL,
  event_id uuid NOT NULL))sql";

constexpr char kInsertHandled[] = R"sql(
INSERT INTO handled (consumer, ticket_id, ticket_version, event_id) VALUES ($1, $2, $3, $4))sql";

constexpr char kOrderViolations[] = R"sql(
SELECT (SELECT count(*) FROM (
          SELECT ticket_version,
                 row_number() OVER (PARTITION BY ticket_id ORDER BY consumption) AS nth
          FROM handled) AS h
        WHERE ticket_version <> nth)
     + (SELECT count(*) FROM (SELECT event_id FROM handled GROUP BY event_id
                              HAVING count(*) > 1) AS d))sql";

pg::PgPoolOptions PoolOptions(const std::string& url) {
  pg::PgPoolOptions options;
  options.url = url;
  options.size = 8;
  return options;
}

absl::TimeZone Shanghai() {
  absl::TimeZone zone;
  REQUIRE(absl::LoadTimeZone("Asia/Shanghai", &zone));
  return zone;
}

}  // namespace

EventsFixture::EventsFixture() : pool(PoolOptions(db.url())), prefix(UniqueName("ev")) {
  absl::StatusOr<int> loaded = ticketstore::LoadStreamPartitions(pool);
  REQUIRE(loaded.ok());
  partitions = *loaded;
  ticketstore::TicketStoreOptions options;
  options.instance_id = "5301";
  options.zone = Shanghai();
  options.stream_partitions = partitions;
  store_ = std::make_unique<ticketstore::PgTicketStore>(options, crypto::EphemeralCipher(),
                                                        SystemClock::Get());
  auto conn = pg::OpenConnection(db.url());
  REQUIRE(conn.ok());
  pqxx::nontransaction(**conn).exec(kCreateHandled);
}

EventsFixture::~EventsFixture() {
  const hotline::testing::TestEnv& env = hotline::testing::TestEnv::Get();
  if (!env.Has("REDIS_URL")) return;  // a destructor must not fail the test
  auto redis = RedisConnection::Connect(env.RedisUrl(), absl::Seconds(2));
  if (!redis.ok()) return;
  absl::StatusOr<RedisValue> keys = (*redis)->Command({"KEYS", prefix + ":*"});
  if (!keys.ok()) return;
  RedisArgv del = {"DEL"};
  for (const RedisValue& key : keys->elements) del.push_back(key.str);
  if (del.size() > 1) (void)(*redis)->Command(del);
}

absl::Status EventsFixture::WriteHistories(int tickets, int events_per_ticket, int writers,
                                           const std::function<void(int64_t)>& gate) {
  const v1::Actor actor = hotline::support::SampleActor("events-test");
  std::vector<std::thread> threads;
  absl::Mutex mu;
  absl::Status failure;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      for (int t = w; t < tickets; t += writers) {
        if (gate) gate(written_.load());
        auto ticket = pg::TransactFor<v1::Ticket>(pool, [&](pqxx::work& tx) {
          return store_->Create(tx, hotline::support::SampleTicketDraft(), actor);
        });
        if (!ticket.ok()) {
          absl::MutexLock lock(&mu);
          failure.Update(ticket.status());
          return;
        }
        ++written_;
        hotline::intake::v1::PossibleDuplicate note;  // any event that changes no state
        note.set_basis("test");
        for (int e = 1; e < events_per_ticket; ++e) {
          if (gate) gate(written_.load());
          absl::Status recorded = pg::Transact(pool, [&](pqxx::work& tx) {
            return store_
                ->Record(tx, ticket->id(), 0, event_type::kIntakePossibleDuplicate, note, actor)
                .status();
          });
          if (!recorded.ok()) {
            absl::MutexLock lock(&mu);
            failure.Update(recorded);
            return;
          }
          ++written_;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  return failure;
}

EventConsumer::Handler EventsFixture::RecordingHandler(const std::string& consumer) {
  return [consumer](const v1::EventEnvelope& event, pqxx::work& tx) {
    tx.exec_params(kInsertHandled, consumer, event.ticket_id(), event.ticket_version(),
                   event.event_id());
    return absl::OkStatus();
  };
}

int64_t EventsFixture::Count(const std::string& sql) {
  // Through the pool: tests poll this, and a fresh connection each time costs a backend fork.
  absl::StatusOr<int64_t> n = pg::TransactFor<int64_t>(
      pool,
      [&](pqxx::work& tx) -> absl::StatusOr<int64_t> { return tx.exec1(sql)[0].as<int64_t>(); });
  INFO(n.status().ToString());
  REQUIRE(n.ok());
  return *n;
}

int64_t EventsFixture::OrderOrDuplicateViolations() { return Count(kOrderViolations); }

OutboxRelayOptions EventsFixture::RelayOptions(const std::string& redis_url) const {
  OutboxRelayOptions options;
  options.pg_url = db.url();
  options.redis_url = redis_url;
  options.stream_prefix = prefix;
  options.partitions = partitions;
  options.ownership_poll = absl::Milliseconds(100);
  return options;
}

EventConsumerOptions EventsFixture::ConsumerOptions(const std::string& redis_url,
                                                    const std::string& group,
                                                    const std::string& consumer) const {
  EventConsumerOptions options;
  options.redis_url = redis_url;
  options.stream_prefix = prefix;
  options.partitions = partitions;
  options.group = group;
  options.consumer = consumer;
  options.block = absl::Milliseconds(100);
  return options;
}

int64_t EventsFixture::StreamLength(RedisConnection& redis) {
  int64_t total = 0;
  for (int p = 0; p < partitions; ++p) {
    absl::StatusOr<RedisValue> len = redis.Command({"XLEN", StreamKey(prefix, p)});
    REQUIRE(len.ok());
    total += len->integer;
  }
  return total;
}

std::vector<std::string> EventsFixture::StreamEventIds(RedisConnection& redis) {
  std::vector<std::string> ids;
  for (int p = 0; p < partitions; ++p) {
    absl::StatusOr<RedisValue> range = redis.Command({"XRANGE", StreamKey(prefix, p), "-", "+"});
    REQUIRE(range.ok());
    for (const StreamEntry& entry : ParseEntries(*range)) {
      const std::string* id = entry.Field("event_id");
      REQUIRE(id != nullptr);
      ids.push_back(*id);
    }
  }
  return ids;
}

std::unique_ptr<RedisConnection> ConnectRedis(const std::string& url) {
  auto redis = RedisConnection::Connect(url, absl::Seconds(5));
  INFO(redis.status().ToString());
  REQUIRE(redis.ok());
  return *std::move(redis);
}

int64_t PendingCount(EventsFixture& f, RedisConnection& redis, const std::string& group) {
  int64_t pending = 0;
  for (int p = 0; p < f.partitions; ++p) {
    absl::StatusOr<RedisValue> summary = redis.Command({"XPENDING", StreamKey(f.prefix, p), group});
    REQUIRE(summary.ok());
    pending += summary->elements.at(0).integer;
  }
  return pending;
}

double CounterValue(prometheus::Registry& registry, const std::string& name) {
  for (const prometheus::MetricFamily& family : registry.Collect()) {
    if (family.name == name && !family.metric.empty()) return family.metric[0].counter.value;
  }
  return 0;
}

void PublishAll(EventsFixture& f, OutboxRelay& relay) {
  REQUIRE(PollUntil(absl::Seconds(20), [&] {
    absl::StatusOr<int> published = relay.RunOnce();
    return published.ok() && f.Count("SELECT count(*) FROM outbox_pending") == 0;
  }));
}

}  // namespace hotline::events::testing
