#pragma once

#include <functional>
#include <memory>
#include <pqxx/transaction>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "hotline/common/v1/event.pb.h"
#include "libs/events/backoff.h"
#include "libs/events/consumer_batch.h"
#include "libs/events/redis_connection.h"
#include "libs/events/stream_entry.h"
#include "libs/events/stream_keys.h"
#include "libs/events/stream_trimmer.h"
#include "libs/pg/pg_pool.h"

namespace prometheus {
class Counter;
class Registry;
}  // namespace prometheus

namespace hotline::events {

struct EventConsumerOptions {
  std::string redis_url;
  std::string stream_prefix = kDefaultStreamPrefix;
  int partitions = 8;
  std::string group;     // the consuming service
  std::string consumer;  // this replica; unique within the group and stable across restarts
  int count = 100;       // entries per partition per read
  absl::Duration block = absl::Milliseconds(500);
  // Entries another consumer left pending this long are taken over (XAUTOCLAIM). Keep it above
  // the time max_deliveries retries take, or a live consumer's retried entries get taken.
  absl::Duration claim_min_idle = absl::Seconds(30);
  absl::Duration claim_every = absl::Seconds(5);
  // An entry is delivered at most this many times: when its handler fails on the last one (or
  // it was delivered more often, e.g. it crashed its consumers), it goes to the dead-letter
  // stream and is acknowledged. UNAVAILABLE/ABORTED failures are retried in place and do not
  // count: the database being away is not the event's fault.
  int max_deliveries = 10;
  // The dead-letter stream is kept for operators to look into, then trimmed by age and length
  // (checked every claim_every) like the event streams.
  TrimPolicy dead_letter_trim = {absl::Hours(24 * 7), 100'000};
  // A new group reads the streams from their start ("0") rather than from now ("$").
  bool start_from_beginning = true;
  absl::Duration redis_timeout = absl::Seconds(2);  // on top of `block` for blocking reads
  absl::Duration max_backoff = absl::Seconds(2);
  // Which events the handler acts on (unset: all). Others are acknowledged without a database
  // transaction, so a service pays nothing for the many events it does not care about. Must be
  // a pure function of the event.
  std::function<bool(const hotline::common::v1::EventEnvelope&)> wants;
  // The partitions this consumer reads (empty: all). Several consumers of one process, each
  // with its own share, handle a group's events in parallel and keep per-partition order.
  std::vector<int> only_partitions;
  // Acts only on entries whose event is a row of this database's outbox, byte for byte
  // (outbox_origin.h); the rest go to the dead letters as "not_in_outbox". Off only for tests
  // of the consumer's own mechanics that write the stream themselves.
  bool prove_origin = true;
  // Optional: takes all the new events of a read at once (consumer_batch.h). Tried first; when
  // it fails, the read goes event by event through the handler, which must give the same result.
  BatchHandler batch_handler;
};

// Reads every partition's stream as one consumer of a group and hands each event to `handler`
// inside a PostgreSQL transaction that also records the event id in consumed_events, so an event
// delivered again (relay republish, redelivery after a crash) changes nothing. The Redis entry is
// acknowledged only after that transaction commits.
//
// Order: entries of a partition are handled in stream order. A failing entry is retried (with
// backoff, alone) before later entries of its partition, until it succeeds or, after
// max_deliveries, goes to `<prefix>:dead:<group>`. Entries taken over from a dead consumer are
// handled when claimed, so with several consumers per group per-ticket order is only as good as
// the handler's use of ticket_version.
class EventConsumer {
 public:
  // Runs inside the transaction; an error rolls it back and the entry is retried.
  using Handler =
      std::function<absl::Status(const hotline::common::v1::EventEnvelope&, pqxx::work&)>;

  EventConsumer(EventConsumerOptions options, pg::PgPool& pool, Handler handler,
                prometheus::Registry* registry /* nullable */);
  ~EventConsumer();
  EventConsumer(const EventConsumer&) = delete;
  EventConsumer& operator=(const EventConsumer&) = delete;

  // Polls on a thread of its own until Stop().
  void Start();
  // Returns after the entries being handled are done (at most one read's worth).
  void Stop();

  // One round: connects and creates the groups if needed, claims idle entries when due, reads
  // this consumer's pending entries, then new ones (waiting up to `block`), and handles them.
  // Returns the number of entries settled (handled, duplicate or dead-lettered).
  // Not to be called while started.
  absl::StatusOr<int> PollOnce();

 private:
  struct Partition {
    std::string key;
    // Reading this consumer's own pending entries (from `cursor`) instead of new ones: at start,
    // after a reconnect or a claim, and while an entry is being retried.
    bool catching_up = true;
    std::string cursor = "0-0";
    bool retrying = false;  // the head entry failed: read it alone so others keep their count
    absl::Time retry_at = absl::InfinitePast();
    Backoff backoff;
  };
  enum class Outcome { kHandled, kDuplicate };

  absl::Status EnsureConnected();
  absl::Status EnsureGroups();
  absl::Status Claim();
  absl::StatusOr<int> ReadPending(absl::Time now);
  absl::StatusOr<int> ReadNew(absl::Time now);
  absl::StatusOr<int> HandleBatch(Partition& partition, const std::vector<StreamEntry>& entries,
                                  bool from_pending);
  absl::StatusOr<Outcome> Handle(const hotline::common::v1::EventEnvelope& envelope);
  // Handle, retried in place while the failure is transient (database away).
  absl::StatusOr<Outcome> HandleWithRetry(const hotline::common::v1::EventEnvelope& envelope);
  absl::Status DeadLetter(const Partition& partition, const StreamEntry& entry,
                          const std::string& reason, int64_t deliveries);
  absl::Status Failed(const absl::Status& status);
  Partition* PartitionOfKey(const std::string& key);
  bool Stopping();
  void WaitUnlessStopping(absl::Duration d);
  void Loop();

  const EventConsumerOptions options_;
  pg::PgPool& pool_;
  const Handler handler_;
  std::unique_ptr<RedisConnection> redis_;
  bool groups_ready_ = false;
  std::vector<Partition> partitions_;
  absl::Time next_claim_ = absl::InfinitePast();
  OutageLog redis_outage_;
  OutageLog dependency_outage_;
  Backoff backoff_;

  prometheus::Counter* consumed_ = nullptr;
  prometheus::Counter* duplicates_ = nullptr;
  prometheus::Counter* failures_ = nullptr;
  prometheus::Counter* claimed_ = nullptr;
  prometheus::Counter* dead_lettered_ = nullptr;
  prometheus::Counter* batch_fallbacks_ = nullptr;
  prometheus::Counter* whole_batch_fallbacks_ = nullptr;
  prometheus::Counter* skipped_ = nullptr;
  prometheus::Counter* unproven_ = nullptr;

  absl::Mutex mu_;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace hotline::events
