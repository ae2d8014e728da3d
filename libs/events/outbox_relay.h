#pragma once

#include <cstdint>
#include <memory>
#include <pqxx/connection>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "libs/events/backoff.h"
#include "libs/events/redis_connection.h"
#include "libs/events/stream_keys.h"
#include "libs/events/stream_trimmer.h"

namespace prometheus {
class Counter;
class Gauge;
class Histogram;
class Registry;
}  // namespace prometheus

namespace hotline::events {

// Partition p is owned by whoever holds pg_try_advisory_lock(kRelayLockKeyBase + p) in the
// outbox's database. One set of relays per database: the outbox is one table.
inline constexpr int64_t kRelayLockKeyBase = 0x686f746c0000;  // "hotl" << 16

struct OutboxRelayOptions {
  std::string pg_url;
  std::string redis_url;
  std::string stream_prefix = kDefaultStreamPrefix;
  int partitions = 8;  // LoadStreamPartitions: must match the writers
  int batch_size = 500;
  // The relay polls: a pass is one indexed read over every owned partition, and writers are not
  // made to NOTIFY, which would serialise their commits (migration 0012). After a pass that
  // published something the next starts `busy_poll` later; each empty pass doubles the wait, up
  // to `idle_poll`: a busy instance publishes within milliseconds, an idle one polls 50 times a
  // second with the defaults. A pass costs two round trips to PostgreSQL and one to Redis however
  // few events it carries: at 1,300 tickets/s, 5 ms instead of 2 ms between passes took a tenth
  // off the CPU the whole suite spends per ticket (bench_intake_load).
  absl::Duration busy_poll = absl::Milliseconds(5);
  absl::Duration idle_poll = absl::Milliseconds(20);
  TrimPolicy trim;  // retention and the max_len safety cap
  absl::Duration trim_every = absl::Seconds(5);
  // How often partitions owned by nobody (a relay died) are tried.
  absl::Duration ownership_poll = absl::Seconds(2);
  // How often a relay that dequeued events vacuums outbox_pending. Every pass reads the queue from
  // its lowest id, so the dead entries a busy minute leaves before autovacuum comes by would make
  // each pass slower than the last; a vacuum of the small queue takes milliseconds.
  absl::Duration queue_vacuum_every = absl::Seconds(1);
  absl::Duration redis_timeout = absl::Seconds(2);
  absl::Duration statement_timeout = absl::Seconds(10);
  absl::Duration max_backoff = absl::Seconds(2);
};

// Publishes the ticket_events outbox to the Redis streams, per partition in id order, and takes
// the events off the queue (outbox_pending, filled by a trigger on ticket_events). A crash between
// XADD and that delete publishes them again; consumers dedupe by event id. Several replicas may
// run: each partition is served by the one holding its advisory lock on its own PostgreSQL session,
// so a dead replica's partitions pass to another within ownership_poll. Redis or PostgreSQL outages
// are logged once, retried with capped backoff, and resumed without help; writers keep committing
// to the outbox meanwhile.
class OutboxRelay {
 public:
  OutboxRelay(OutboxRelayOptions options, prometheus::Registry* registry /* nullable */);
  ~OutboxRelay();
  OutboxRelay(const OutboxRelay&) = delete;
  OutboxRelay& operator=(const OutboxRelay&) = delete;

  // Runs passes on a thread of its own until Stop().
  void Start();
  // Lets the batch in progress finish (published and dequeued), then returns; releases the
  // partitions (closes the PostgreSQL session) so another replica takes them at once.
  void Stop();

  // One pass: connects if needed, takes free partitions when due, publishes at most one batch
  // (the oldest events of all owned partitions), trims when due. Returns the number
  // of events published. Not to be called while started.
  absl::StatusOr<int> RunOnce();

  std::vector<int> OwnedPartitions() const;

 private:
  absl::Status EnsurePg();
  absl::Status EnsureRedis();
  void ClaimFreePartitions();
  void Housekeeping(absl::Time now);
  absl::StatusOr<int> PublishBatch(const std::vector<int>& partitions, bool* full);
  void DropPg(const absl::Status& why);
  bool Stopping() const;
  void Loop();

  const OutboxRelayOptions options_;
  std::unique_ptr<pqxx::connection> pg_;
  std::unique_ptr<RedisConnection> redis_;
  OutageLog pg_outage_;
  OutageLog redis_outage_;
  Backoff backoff_;
  absl::Time next_claim_ = absl::InfinitePast();
  absl::Time next_trim_ = absl::InfinitePast();
  absl::Time next_backlog_count_ = absl::InfinitePast();
  absl::Time next_queue_vacuum_ = absl::InfinitePast();
  bool dequeued_ = false;          // since the last vacuum of the queue
  bool may_vacuum_queue_ = false;  // the login owns the queue table
  bool more_ = false;              // the last batch was full: go again without waiting
  absl::Duration poll_wait_;       // before the next pass, unless the last batch was full

  prometheus::Counter* published_ = nullptr;
  prometheus::Counter* errors_ = nullptr;
  prometheus::Gauge* backlog_ = nullptr;
  prometheus::Histogram* batch_seconds_ = nullptr;

  mutable absl::Mutex mu_;
  std::vector<int> owned_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace hotline::events
