// Measures the event pipeline on real PostgreSQL and Redis: W writers commit ticket changes
// through the outbox while an in-process relay publishes them and a consumer group handles them.
// Prints write, publish and end-to-end rates, the end-to-end lag (occurred_at, taken inside the
// writer's transaction, to the handler) and, separately, how fast a backlog drains.
//
//   bench_event_pipeline --pg_url=postgresql://hotline@127.0.0.1:5432/hotline
//                        --redis_url=redis://127.0.0.1:6379
//   bench_event_pipeline --env_file=build/test-suite/endpoints.env
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <memory>
#include <pqxx/nontransaction>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/clock.h"
#include "libs/common/log.h"
#include "libs/common/mutex_mode.h"
#include "libs/domain/event_types.h"
#include "libs/events/event_consumer.h"
#include "libs/events/outbox_relay.h"
#include "libs/pg/migrator.h"
#include "libs/pg/pg_pool.h"
#include "libs/pg/transact.h"
#include "libs/ticketstore/event_outbox.h"
#include "libs/ticketstore/pg_ticket_store.h"
#include "tests/support/core/env_file.h"
#include "tests/support/core/fail.h"
#include "tests/support/core/sample_tickets.h"
#include "tests/support/core/scratch_database.h"
#include "tests/support/core/stats.h"

ABSL_FLAG(std::string, pg_url, "", "PostgreSQL URL; the benchmark creates and drops its own DB");
ABSL_FLAG(std::string, redis_url, "", "Redis URL, redis://host:port");
ABSL_FLAG(std::string, env_file, "", "File of PG_URL=... and REDIS_URL=... lines (the suite's)");
ABSL_FLAG(int, events, 50000, "Events written while the pipeline runs");
ABSL_FLAG(int, events_per_ticket, 10, "Events per ticket: one creation, then recorded changes");
ABSL_FLAG(int, writers, 8, "Writer threads");
ABSL_FLAG(int, consumers, 8, "Consumers in the group, one thread each (0: writes and relay only)");
ABSL_FLAG(int, batch_size, 500, "Relay batch size");
ABSL_FLAG(int, drain_events, 10000, "Backlog written with relay and consumers stopped (0: skip)");

namespace hotline {
namespace {

namespace v1 = hotline::common::v1;

using support::Fail;
using support::Percentile;

int64_t Count(pg::PgPool& pool, const char* sql) {
  absl::StatusOr<int64_t> n = pg::TransactFor<int64_t>(
      pool,
      [&](pqxx::work& tx) -> absl::StatusOr<int64_t> { return tx.exec1(sql)[0].as<int64_t>(); });
  if (!n.ok()) Fail(n.status().ToString());
  return *n;
}

void WaitFor(const std::function<bool()>& done) {
  const absl::Time deadline = absl::Now() + absl::Minutes(10);
  while (!done()) {
    if (absl::Now() > deadline) Fail("timed out waiting for the pipeline");
    absl::SleepFor(absl::Milliseconds(5));
  }
}

// Writes `tickets` histories of `per_ticket` events with `writers` threads.
void WriteHistories(pg::PgPool& pool, const ticketstore::PgTicketStore& store, int tickets,
                    int per_ticket, int writers) {
  const v1::Actor actor = support::SampleActor("bench");
  const v1::Ticket draft = support::SampleTicketDraft();
  hotline::intake::v1::PossibleDuplicate note;  // any event that changes no state
  note.set_basis("bench");
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      for (int t = w; t < tickets; t += writers) {
        auto ticket = pg::TransactFor<v1::Ticket>(
            pool, [&](pqxx::work& tx) { return store.Create(tx, draft, actor); });
        if (!ticket.ok()) Fail(ticket.status().ToString());
        for (int e = 1; e < per_ticket; ++e) {
          absl::Status s = pg::Transact(pool, [&](pqxx::work& tx) {
            return store
                .Record(tx, ticket->id(), 0, hotline::event_type::kIntakePossibleDuplicate, note,
                        actor)
                .status();
          });
          if (!s.ok()) Fail(s.ToString());
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
}

void PrintRate(const char* what, int64_t n, absl::Duration d, const char* note = "") {
  const double s = absl::ToDoubleSeconds(d);
  std::printf("%-22s %8lld events in %7.2f s = %8.0f events/s%s\n", what, static_cast<long long>(n),
              s, s > 0 ? n / s : 0.0, note);
}

struct Endpoints {
  std::string pg_url;
  std::string redis_url;
};

Endpoints ReadEndpoints() {
  Endpoints e{absl::GetFlag(FLAGS_pg_url), absl::GetFlag(FLAGS_redis_url)};
  std::string file = absl::GetFlag(FLAGS_env_file);
  if (file.empty() && (e.pg_url.empty() || e.redis_url.empty()) && std::getenv("HOTLINE_TEST_ENV"))
    file = std::getenv("HOTLINE_TEST_ENV");
  if (!file.empty()) {
    std::map<std::string, std::string> env = support::ReadEnvFile(file);
    if (env.empty()) Fail("cannot read " + file);
    if (e.pg_url.empty()) e.pg_url = env["PG_URL"];
    if (e.redis_url.empty()) e.redis_url = env["REDIS_URL"];
  }
  if (e.pg_url.empty() || e.redis_url.empty()) {
    Fail("give --pg_url and --redis_url, or --env_file (or HOTLINE_TEST_ENV)");
  }
  return e;
}

int Run() {
  const Endpoints endpoints = ReadEndpoints();
  const int events = absl::GetFlag(FLAGS_events);
  const int per_ticket = std::max(1, absl::GetFlag(FLAGS_events_per_ticket));
  const int writers = std::max(1, absl::GetFlag(FLAGS_writers));
  const int consumers = std::max(0, absl::GetFlag(FLAGS_consumers));
  const int drain_events = absl::GetFlag(FLAGS_drain_events);
  const int tickets = events / per_ticket;
  const int drain_tickets = drain_events / per_ticket;
  if (tickets < 1) Fail("--events must be at least --events_per_ticket");

  absl::BitGen gen;
  const std::string db = absl::StrCat("bench_events_", absl::Uniform<uint32_t>(gen));
  const std::string url =
      support::ValueOrFail(support::CreateScratchDatabase(endpoints.pg_url, db, /*migrate=*/true));
  struct DropAtEnd {  // after the relay, consumers and pool below are gone
    int cleanup;
    ~DropAtEnd() { support::RunCleanup(cleanup); }
  } drop_at_end{support::AddCleanup(
      [admin = endpoints.pg_url, db] { support::DropScratchDatabase(admin, db); })};

  pg::PgPoolOptions pool_options;
  pool_options.url = url;
  pool_options.size = writers + consumers + 2;
  pg::PgPool pool(pool_options);
  absl::StatusOr<int> partitions = ticketstore::LoadStreamPartitions(pool);
  if (!partitions.ok()) Fail(partitions.status().ToString());
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Asia/Shanghai", &zone)) Fail("no Asia/Shanghai time zone data");
  ticketstore::TicketStoreOptions store_options;
  store_options.instance_id = "5301";
  store_options.zone = zone;
  store_options.stream_partitions = *partitions;
  ticketstore::PgTicketStore store(store_options, crypto::EphemeralCipher(), SystemClock::Get());

  const std::string prefix = absl::StrCat("bench:", db);
  events::OutboxRelayOptions relay_options;
  relay_options.pg_url = url;
  relay_options.redis_url = endpoints.redis_url;
  relay_options.stream_prefix = prefix;
  relay_options.partitions = *partitions;
  relay_options.batch_size = absl::GetFlag(FLAGS_batch_size);
  events::OutboxRelay relay(relay_options, nullptr);

  std::atomic<int64_t> consumed{0};
  std::atomic<bool> measuring_lag{true};
  absl::Mutex lag_mu;
  std::vector<double> lag_ms;
  lag_ms.reserve(events);
  auto handler = [&](const v1::EventEnvelope& event, pqxx::work&) {
    if (measuring_lag) {
      const absl::Time occurred = absl::FromUnixSeconds(event.occurred_at().seconds()) +
                                  absl::Nanoseconds(event.occurred_at().nanos());
      const double ms = absl::ToDoubleMilliseconds(absl::Now() - occurred);
      absl::MutexLock lock(&lag_mu);
      lag_ms.push_back(ms);
    }
    ++consumed;
    return absl::OkStatus();
  };
  std::vector<std::unique_ptr<events::EventConsumer>> group;
  for (int c = 0; c < consumers; ++c) {
    events::EventConsumerOptions options;
    options.redis_url = endpoints.redis_url;
    options.stream_prefix = prefix;
    options.partitions = *partitions;
    options.group = "bench";
    options.consumer = absl::StrCat("bench-", c);
    group.push_back(std::make_unique<events::EventConsumer>(options, pool, handler, nullptr));
  }
  const char* kUnpublished = "SELECT count(*) FROM outbox_pending";

  std::printf(
      "event pipeline: %d events (%d tickets x %d), %d writers, %d partitions, "
      "relay batch %d, %d consumers\n",
      tickets * per_ticket, tickets, per_ticket, writers, *partitions, relay_options.batch_size,
      consumers);
  const int64_t n = static_cast<int64_t>(tickets) * per_ticket;
  const absl::Time start = absl::Now();
  relay.Start();
  for (auto& c : group) c->Start();
  WriteHistories(pool, store, tickets, per_ticket, writers);
  const absl::Duration write_time = absl::Now() - start;
  WaitFor([&] { return Count(pool, kUnpublished) == 0; });
  const absl::Duration publish_time = absl::Now() - start;
  PrintRate("outbox writes", n, write_time);
  PrintRate("relay publish", n, publish_time, "  (while writing)");
  if (consumers > 0) {
    WaitFor([&] { return consumed.load() >= n; });
    PrintRate("end to end", n, absl::Now() - start);
    {
      absl::MutexLock lock(&lag_mu);
      std::sort(lag_ms.begin(), lag_ms.end());
      std::printf("%-22s p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  (%zu events)\n",
                  "end-to-end lag (ms)", Percentile(lag_ms, 0.5), Percentile(lag_ms, 0.99),
                  Percentile(lag_ms, 0.999), lag_ms.empty() ? 0 : lag_ms.back(), lag_ms.size());
    }

    if (drain_tickets > 0) {
      // A backlog as after an outage: how fast does each stage catch up on its own?
      measuring_lag = false;
      relay.Stop();
      for (auto& c : group) c->Stop();
      WriteHistories(pool, store, drain_tickets, per_ticket, writers);
      const int64_t backlog = static_cast<int64_t>(drain_tickets) * per_ticket;
      const absl::Time relay_start = absl::Now();
      relay.Start();
      WaitFor([&] { return Count(pool, kUnpublished) == 0; });
      const absl::Duration relay_drain = absl::Now() - relay_start;
      const absl::Time consume_start = absl::Now();
      for (auto& c : group) c->Start();
      WaitFor([&] { return consumed.load() >= n + backlog; });
      const absl::Duration consume_drain = absl::Now() - consume_start;
      std::printf("backlog of %lld events, each stage alone:\n", static_cast<long long>(backlog));
      PrintRate("  relay drain", backlog, relay_drain);
      PrintRate("  consumer group drain", backlog, consume_drain);
    }
  }

  relay.Stop();
  for (auto& c : group) c->Stop();
  if (auto redis = events::RedisConnection::Connect(endpoints.redis_url, absl::Seconds(5));
      redis.ok()) {
    for (int p = 0; p < *partitions; ++p) {
      (void)(*redis)->Command({"DEL", events::StreamKey(prefix, p)});
    }
  }
  return 0;
}

}  // namespace
}  // namespace hotline

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  hotline::SkipMutexDeadlockDetection();
  hotline::log::Configure("bench_event_pipeline", hotline::log::Level::kWarning);
  return hotline::Run();
}
