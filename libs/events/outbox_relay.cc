#include "libs/events/outbox_relay.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <algorithm>
#include <pqxx/binarystring>
#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/result>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/common/log.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/pg_error.h"
#include "libs/pg/pg_pool.h"

namespace hotline::events {
namespace {

constexpr char kSelectBatchName[] = "relay_select_batch";
// The oldest queued events of every owned partition at once (migration 0014): ordered by id, so
// whatever the limit cuts, each partition's share is a prefix of its own queue.
constexpr char kSelectBatch[] = R"sql(
SELECT e.id, e.event_id::text, e.type, e.ticket_id, e.ticket_version, e.envelope,
  p.stream_partition
FROM outbox_pending p
JOIN ticket_events e ON e.occurred_at = p.occurred_at AND e.id = p.id
WHERE p.stream_partition = ANY($1::int[])
ORDER BY p.id
LIMIT $2)sql";

constexpr char kMarkPublishedName[] = "relay_mark_published";
constexpr char kMarkPublished[] = "DELETE FROM outbox_pending WHERE id = ANY($1::bigint[])";

// Session locks: they stay after the statement and go with the session.
constexpr char kTryLockPartitions[] = R"sql(
SELECT p FROM unnest($1::int[]) AS p WHERE pg_try_advisory_lock($2::bigint + p) ORDER BY p)sql";

// SKIP_LOCKED: another replica's relay vacuuming it already is as good.
constexpr char kVacuumQueue[] = "VACUUM (SKIP_LOCKED) outbox_pending";

// Only the table's owner may vacuum it. A service logging in as a role that owns nothing (the
// deployed shape, migration 0049) leaves the queue to autovacuum, tuned for it there.
constexpr char kOwnsQueue[] = R"sql(
SELECT pg_has_role(relowner, 'USAGE') FROM pg_class WHERE oid = 'outbox_pending'::regclass)sql";

constexpr char kCountBacklog[] =
    "SELECT count(*) FROM outbox_pending WHERE stream_partition = ANY($1::int[])";

bool ConnectionLost(const std::exception& e, const pqxx::connection* conn) {
  return dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr || conn == nullptr ||
         !conn->is_open();
}

}  // namespace

OutboxRelay::OutboxRelay(OutboxRelayOptions options, prometheus::Registry* registry)
    : options_(std::move(options)),
      pg_outage_("outbox_relay", "postgresql"),
      redis_outage_("outbox_relay", "redis"),
      backoff_(absl::Milliseconds(50), options_.max_backoff) {
  if (registry == nullptr) return;
  const prometheus::Labels labels{{"stream", options_.stream_prefix}};
  published_ = &prometheus::BuildCounter()
                    .Name("hotline_relay_published_events_total")
                    .Help("Outbox events put on the Redis streams (republished ones included)")
                    .Register(*registry)
                    .Add(labels);
  errors_ = &prometheus::BuildCounter()
                 .Name("hotline_relay_errors_total")
                 .Help("Relay passes that failed on PostgreSQL or Redis")
                 .Register(*registry)
                 .Add(labels);
  backlog_ = &prometheus::BuildGauge()
                  .Name("hotline_relay_backlog_events")
                  .Help("Unpublished outbox rows in this relay's partitions, last counted")
                  .Register(*registry)
                  .Add(labels);
  batch_seconds_ =
      &prometheus::BuildHistogram()
           .Name("hotline_relay_publish_batch_seconds")
           .Help("Time to read, publish and mark one batch")
           .Register(*registry)
           .Add(labels, prometheus::Histogram::BucketBoundaries{0.001, 0.0025, 0.005, 0.01, 0.025,
                                                                0.05, 0.1, 0.25, 0.5, 1, 2.5});
}

OutboxRelay::~OutboxRelay() { Stop(); }

void OutboxRelay::Start() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { Loop(); });
}

void OutboxRelay::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
  if (pg_ != nullptr) DropPg(absl::CancelledError("relay stopped"));
  redis_.reset();
  absl::MutexLock lock(&mu_);
  stopping_ = false;  // RunOnce works again; Start may be called again
}

bool OutboxRelay::Stopping() const {
  absl::MutexLock lock(&mu_);
  return stopping_;
}

std::vector<int> OutboxRelay::OwnedPartitions() const {
  absl::MutexLock lock(&mu_);
  return owned_;
}

void OutboxRelay::Loop() {
  log::Info("outbox relay started",
            {{"partitions", options_.partitions}, {"batch_size", options_.batch_size}});
  poll_wait_ = options_.busy_poll;
  while (true) {
    absl::StatusOr<int> published = RunOnce();
    absl::Duration wait;
    if (!published.ok()) {
      wait = backoff_.Next();
    } else {
      backoff_.Reset();
      poll_wait_ =
          *published > 0 ? options_.busy_poll : std::min(poll_wait_ * 2, options_.idle_poll);
      wait = more_ ? absl::ZeroDuration() : poll_wait_;
    }
    absl::MutexLock lock(&mu_);
    if (stopping_) break;
    if (wait > absl::ZeroDuration()) {
      mu_.AwaitWithTimeout(absl::Condition(&stopping_), wait);
      if (stopping_) break;
    }
  }
  log::Info("outbox relay stopped");
}

void OutboxRelay::DropPg(const absl::Status& why) {
  pg_.reset();  // ends the session, which releases its partition locks
  std::vector<int> released;
  {
    absl::MutexLock lock(&mu_);
    released.swap(owned_);
  }
  if (!released.empty()) {
    log::Info("relay released partitions",
              {{"partitions", absl::StrJoin(released, ",")}, {"reason", why.ToString()}});
  }
  next_claim_ = absl::InfinitePast();
}

absl::Status OutboxRelay::EnsurePg() {
  if (pg_ != nullptr && pg_->is_open()) return absl::OkStatus();
  if (pg_ != nullptr) DropPg(absl::UnavailableError("session closed"));
  absl::StatusOr<std::unique_ptr<pqxx::connection>> conn = pg::OpenConnection(options_.pg_url);
  if (!conn.ok()) return conn.status();
  try {
    (*conn)->set_variable("statement_timeout",
                          absl::StrCat(absl::ToInt64Milliseconds(options_.statement_timeout)));
    (*conn)->set_variable("application_name", "'hotline-relay'");
    // A "published" mark lost in a crash only means the row is published again, which consumers
    // absorb: the relay need not wait for the disk, and so does not compete with ticket commits.
    (*conn)->set_variable("synchronous_commit", "off");
    // libpqxx 6 would otherwise reconnect silently, and the new session holds none of our locks.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    (*conn)->inhibit_reactivation(true);
#pragma GCC diagnostic pop
    (*conn)->prepare(kSelectBatchName, kSelectBatch);
    (*conn)->prepare(kMarkPublishedName, kMarkPublished);
    may_vacuum_queue_ = pqxx::nontransaction(**conn).exec1(kOwnsQueue)[0].as<bool>();
  } catch (const std::exception& e) {
    return pg::StatusFromException(e);
  }
  pg_ = *std::move(conn);
  return absl::OkStatus();
}

absl::Status OutboxRelay::EnsureRedis() {
  if (redis_ != nullptr && !redis_->broken()) return absl::OkStatus();
  absl::StatusOr<std::unique_ptr<RedisConnection>> conn =
      RedisConnection::Connect(options_.redis_url, options_.redis_timeout);
  if (!conn.ok()) return conn.status();
  redis_ = *std::move(conn);
  return absl::OkStatus();
}

void OutboxRelay::ClaimFreePartitions() {
  std::vector<int64_t> wanted;
  {
    absl::MutexLock lock(&mu_);
    for (int p = 0; p < options_.partitions; ++p) {
      if (std::find(owned_.begin(), owned_.end(), p) == owned_.end()) wanted.push_back(p);
    }
  }
  if (wanted.empty()) return;
  pqxx::nontransaction tx(*pg_);
  const pqxx::result rows =
      tx.exec_params(kTryLockPartitions, pg::IntArrayLiteral(wanted), kRelayLockKeyBase);
  if (rows.empty()) return;
  std::vector<int> taken;
  for (const pqxx::row& row : rows) taken.push_back(row[0].as<int>());
  log::Info("relay took partitions", {{"partitions", absl::StrJoin(taken, ",")}});
  absl::MutexLock lock(&mu_);
  owned_.insert(owned_.end(), taken.begin(), taken.end());
  std::sort(owned_.begin(), owned_.end());
}

void OutboxRelay::Housekeeping(absl::Time now) {
  std::vector<int64_t> owned;
  {
    absl::MutexLock lock(&mu_);
    owned.assign(owned_.begin(), owned_.end());
  }
  if (backlog_ != nullptr && now >= next_backlog_count_) {
    next_backlog_count_ = now + options_.trim_every;
    pqxx::nontransaction tx(*pg_);
    backlog_->Set(owned.empty()
                      ? 0
                      : tx.exec_params1(kCountBacklog, pg::IntArrayLiteral(owned))[0].as<double>());
  }
  if (may_vacuum_queue_ && dequeued_ && now >= next_queue_vacuum_) {
    next_queue_vacuum_ = now + options_.queue_vacuum_every;
    dequeued_ = false;
    try {
      pqxx::nontransaction tx(*pg_);
      tx.exec0(kVacuumQueue);
    } catch (const pqxx::broken_connection&) {
      throw;
    } catch (const std::exception& e) {
      // Autovacuum still comes by; publication goes on.
      log::Warning("vacuuming the outbox queue failed",
                   {{"error", pg::StatusFromException(e).ToString()}});
    }
  }
}

absl::StatusOr<int> OutboxRelay::PublishBatch(const std::vector<int>& partitions, bool* full) {
  const absl::Time start = absl::Now();
  const std::string owned =
      pg::IntArrayLiteral(std::vector<int64_t>(partitions.begin(), partitions.end()));
  std::vector<int64_t> ids;
  std::vector<RedisArgv> commands;
  {
    pqxx::nontransaction tx(*pg_);
    const pqxx::result rows = tx.exec_prepared(kSelectBatchName, owned, options_.batch_size);
    ids.reserve(rows.size());
    commands.reserve(rows.size());
    for (const pqxx::row& row : rows) {
      ids.push_back(row[0].as<int64_t>());
      commands.push_back({"XADD", StreamKey(options_.stream_prefix, row[6].as<int>()), "*",
                          "event_id", row[1].as<std::string>(), "type", row[2].as<std::string>(),
                          "ticket_id", row[3].as<std::string>(), "ticket_version",
                          row[4].as<std::string>(), "envelope", pqxx::binarystring(row[5]).str()});
    }
  }
  if (ids.empty()) return 0;
  *full = static_cast<int>(ids.size()) >= options_.batch_size;

  // Everything up to the first failure may be on the streams already; none of it is marked, so
  // it all goes again next time and consumers drop the copies. One pipeline keeps each stream's
  // entries in id order.
  absl::StatusOr<std::vector<RedisValue>> replies = redis_->Pipeline(commands);
  if (!replies.ok()) return replies.status();
  for (const RedisValue& reply : *replies) {
    if (reply.is_error()) return reply.status();
  }
  {
    pqxx::nontransaction tx(*pg_);
    tx.exec_prepared(kMarkPublishedName, pg::IntArrayLiteral(ids));
  }
  dequeued_ = true;
  if (published_ != nullptr) published_->Increment(static_cast<double>(ids.size()));
  if (batch_seconds_ != nullptr) {
    batch_seconds_->Observe(absl::ToDoubleSeconds(absl::Now() - start));
  }
  return static_cast<int>(ids.size());
}

absl::StatusOr<int> OutboxRelay::RunOnce() {
  more_ = false;
  const absl::Time now = absl::Now();
  auto failed = [this](OutageLog& outage, const absl::Status& status) {
    if (errors_ != nullptr) errors_->Increment();
    outage.Failed(status);
    return status;
  };
  auto pg_failed = [&](const std::exception& e) {
    absl::Status status = pg::StatusFromException(e);
    if (ConnectionLost(e, pg_.get())) DropPg(status);
    return failed(pg_outage_, status);
  };
  auto redis_failed = [&](const absl::Status& status) {
    if (redis_ != nullptr && redis_->broken()) redis_.reset();
    return failed(redis_outage_, status);
  };

  if (absl::Status s = EnsurePg(); !s.ok()) return failed(pg_outage_, s);
  try {
    if (now >= next_claim_) {
      next_claim_ = now + options_.ownership_poll;
      ClaimFreePartitions();
    }
    Housekeeping(now);
  } catch (const std::exception& e) {
    return pg_failed(e);
  }
  pg_outage_.Recovered();
  const std::vector<int> owned = OwnedPartitions();
  if (owned.empty()) return 0;
  if (absl::Status s = EnsureRedis(); !s.ok()) return redis_failed(s);

  int total = 0;
  if (!Stopping()) {  // else leave the rest for the next owner
    try {
      absl::StatusOr<int> published = PublishBatch(owned, &more_);
      if (!published.ok()) return redis_failed(published.status());
      total = *published;
    } catch (const std::exception& e) {
      return pg_failed(e);
    }
  }

  if (now >= next_trim_) {
    next_trim_ = now + options_.trim_every;
    for (int partition : owned) {
      absl::StatusOr<int64_t> trimmed = TrimAcknowledged(
          *redis_, StreamKey(options_.stream_prefix, partition), options_.trim, now);
      if (!trimmed.ok()) return redis_failed(trimmed.status());
      if (*trimmed > 0) {
        log::Debug("stream trimmed", {{"partition", partition}, {"entries", *trimmed}});
      }
    }
  }
  redis_outage_.Recovered();
  return total;
}

}  // namespace hotline::events
