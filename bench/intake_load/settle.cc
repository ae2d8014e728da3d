#include "bench/intake_load/settle.h"

#include <pqxx/nontransaction>

#include "absl/time/clock.h"
#include "libs/events/redis_connection.h"
#include "libs/events/stream_keys.h"
#include "libs/pg/pg_pool.h"
#include "tests/support/core/fail.h"

namespace hotline::bench {
using support::Fail;

namespace {

// The relay's queue (migration 0014): small however big the history is.
constexpr const char* kUnpublished = "SELECT count(*) FROM outbox_pending";

}  // namespace

Settled Settle(const std::string& pg_url, absl::Duration max_wait) {
  auto conn = pg::OpenConnection(pg_url);
  if (!conn.ok()) Fail(std::string(conn.status().message()));
  Settled settled;
  try {
    pqxx::nontransaction tx(**conn);
    const absl::Time start = absl::Now();
    absl::Time progress = start;
    int64_t last = -1;
    while (true) {
      settled.unpublished = tx.exec1(kUnpublished)[0].as<int64_t>();
      const absl::Time now = absl::Now();
      if (settled.unpublished == 0) break;
      if (last < 0 || settled.unpublished < last) progress = now;
      if (now - start > max_wait || now - progress > absl::Seconds(5)) break;
      last = settled.unpublished;
      absl::SleepFor(absl::Milliseconds(50));
    }
    settled.outbox_seconds = absl::ToDoubleSeconds(absl::Now() - start);
  } catch (const std::exception& e) {
    Fail(std::string("counting unpublished events: ") + e.what());
  }
  try {
    // What autovacuum does a minute into a fresh database: without statistics, plans made while
    // the tables were empty (and kept by prepared statements) are far off for the first phase.
    pqxx::nontransaction(**conn).exec0("ANALYZE tickets, ticket_events, intake_requests");
  } catch (const std::exception& e) {
    Fail(std::string("analyzing: ") + e.what());
  }
  try {
    pqxx::nontransaction(**conn).exec0("CHECKPOINT");
    settled.checkpointed = true;
  } catch (const std::exception&) {
    // Not a superuser: phases then share the checkpoints by chance, as in production.
  }
  return settled;
}

void DropStreams(const std::string& pg_url, const std::string& redis_url,
                 const std::string& prefix) {
  auto conn = pg::OpenConnection(pg_url);
  if (!conn.ok()) Fail(std::string(conn.status().message()));
  int partitions = 0;
  try {
    partitions = pqxx::nontransaction(**conn)
                     .exec1("SELECT partitions FROM event_stream_config")[0]
                     .as<int>();
  } catch (const std::exception& e) {
    Fail(std::string("reading the stream partitions: ") + e.what());
  }
  auto redis = events::RedisConnection::Connect(redis_url, absl::Seconds(10));
  if (!redis.ok()) Fail(std::string(redis.status().message()));
  events::RedisArgv del = {"DEL"};
  for (int p = 0; p < partitions; ++p) del.push_back(events::StreamKey(prefix, p));
  if (auto deleted = (*redis)->Command(del); !deleted.ok()) {
    Fail(std::string("deleting the bench's streams: ") + std::string(deleted.status().message()));
  }
}

}  // namespace hotline::bench
