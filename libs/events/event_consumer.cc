#include "libs/events/event_consumer.h"

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "libs/common/log.h"
#include "libs/events/consumer_batch.h"
#include "libs/events/consumer_group.h"
#include "libs/events/outbox_origin.h"
#include "libs/pg/prepared.h"
#include "libs/pg/transact.h"

namespace hotline::events {
namespace {

using hotline::common::v1::EventEnvelope;

// The id's row commits with the handler's work, so a redelivered event finds it and is skipped.
constexpr char kRecordConsumed[] = R"sql(
INSERT INTO consumed_events (consumer_group, event_id) VALUES ($1, $2::uuid)
ON CONFLICT DO NOTHING)sql";

// Worth retrying in place without spending one of the entry's deliveries: the database (or
// whatever the handler calls) is away, not the event at fault. UNKNOWN is an in-doubt commit,
// which consumed_events makes safe to run again.
bool IsTransient(const absl::Status& status) {
  return absl::IsUnavailable(status) || absl::IsAborted(status) || absl::IsUnknown(status);
}

prometheus::Counter* GroupCounter(prometheus::Registry* registry, const std::string& name,
                                  const std::string& help, const std::string& group) {
  if (registry == nullptr) return nullptr;
  return &prometheus::BuildCounter().Name(name).Help(help).Register(*registry).Add(
      {{"group", group}});
}

void Increment(prometheus::Counter* counter, double by = 1) {
  if (counter != nullptr) counter->Increment(by);
}

}  // namespace

EventConsumer::EventConsumer(EventConsumerOptions options, pg::PgPool& pool, Handler handler,
                             prometheus::Registry* registry)
    : options_(std::move(options)),
      pool_(pool),
      handler_(std::move(handler)),
      redis_outage_("event_consumer", "redis"),
      dependency_outage_("event_consumer", "handler_dependency"),
      backoff_(absl::Milliseconds(50), options_.max_backoff) {
  for (int p = 0; p < options_.partitions; ++p) {
    const auto& only = options_.only_partitions;
    if (!only.empty() && std::find(only.begin(), only.end(), p) == only.end()) continue;
    Partition partition;
    partition.key = StreamKey(options_.stream_prefix, p);
    partition.backoff = Backoff(absl::Milliseconds(50), options_.max_backoff);
    partitions_.push_back(std::move(partition));
  }
  const std::string& g = options_.group;
  consumed_ = GroupCounter(registry, "hotline_consumer_events_consumed_total",
                           "Events whose handler committed", g);
  duplicates_ = GroupCounter(registry, "hotline_consumer_duplicates_total",
                             "Events skipped because the group had already consumed them", g);
  failures_ = GroupCounter(registry, "hotline_consumer_failures_total",
                           "Handler attempts that failed and were rolled back", g);
  claimed_ = GroupCounter(registry, "hotline_consumer_claimed_total",
                          "Pending entries taken over from idle consumers", g);
  dead_lettered_ = GroupCounter(registry, "hotline_consumer_dead_lettered_total",
                                "Entries given up on and moved to the dead-letter stream", g);
  batch_fallbacks_ = GroupCounter(registry, "hotline_consumer_batch_fallbacks_total",
                                  "Reads whose batch transaction failed: handled one at a time", g);
  whole_batch_fallbacks_ =
      GroupCounter(registry, "hotline_consumer_whole_batch_fallbacks_total",
                   "Reads whose batch handler failed: handled event by event", g);
  skipped_ = GroupCounter(registry, "hotline_consumer_skipped_total",
                          "Events of types the group does not handle, acknowledged unread", g);
  unproven_ = GroupCounter(registry, "hotline_consumer_unproven_total",
                           "Stream entries refused: their event is not in the outbox", g);
}

EventConsumer::~EventConsumer() { Stop(); }

void EventConsumer::Start() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { Loop(); });
}

void EventConsumer::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
  absl::MutexLock lock(&mu_);
  stopping_ = false;  // PollOnce works again; Start may be called again
}

bool EventConsumer::Stopping() {
  absl::MutexLock lock(&mu_);
  return stopping_;
}

void EventConsumer::WaitUnlessStopping(absl::Duration d) {
  absl::MutexLock lock(&mu_);
  mu_.AwaitWithTimeout(absl::Condition(&stopping_), d);
}

void EventConsumer::Loop() {
  log::Info("event consumer started", {{"group", options_.group}, {"consumer", options_.consumer}});
  while (!Stopping()) {
    if (PollOnce().ok()) {
      backoff_.Reset();
    } else {
      WaitUnlessStopping(backoff_.Next());
    }
  }
  log::Info("event consumer stopped", {{"group", options_.group}});
}

absl::Status EventConsumer::Failed(const absl::Status& status) {
  if (redis_ != nullptr && redis_->broken()) redis_.reset();
  if (absl::IsFailedPrecondition(status)) groups_ready_ = false;  // NOGROUP: stream recreated
  redis_outage_.Failed(status);
  return status;
}

absl::Status EventConsumer::EnsureConnected() {
  if (redis_ == nullptr || redis_->broken()) {
    absl::StatusOr<std::unique_ptr<RedisConnection>> conn =
        RedisConnection::Connect(options_.redis_url, options_.block + options_.redis_timeout);
    if (!conn.ok()) return conn.status();
    redis_ = *std::move(conn);
    groups_ready_ = false;
    // A read may have reached Redis without its reply reaching us: look at what we hold first.
    for (Partition& p : partitions_) {
      p.catching_up = true;
      p.cursor = "0-0";
    }
  }
  return groups_ready_ ? absl::OkStatus() : EnsureGroups();
}

absl::Status EventConsumer::EnsureGroups() {
  std::vector<std::string> keys;
  for (const Partition& p : partitions_) keys.push_back(p.key);
  if (absl::Status s = CreateGroups(*redis_, keys, options_.group, options_.start_from_beginning);
      !s.ok()) {
    return s;
  }
  groups_ready_ = true;
  return absl::OkStatus();
}

absl::StatusOr<int> EventConsumer::PollOnce() {
  if (absl::Status s = EnsureConnected(); !s.ok()) return Failed(s);
  const absl::Time now = absl::Now();
  if (now >= next_claim_) {
    next_claim_ = now + options_.claim_every;
    if (absl::Status s = Claim(); !s.ok()) return Failed(s);
    absl::StatusOr<int64_t> trimmed =
        TrimByAge(*redis_, DeadLetterKey(options_.stream_prefix, options_.group),
                  options_.dead_letter_trim, now);
    if (!trimmed.ok()) return Failed(trimmed.status());
  }
  absl::StatusOr<int> pending = ReadPending(now);
  if (!pending.ok()) return Failed(pending.status());
  absl::StatusOr<int> fresh = ReadNew(absl::Now());
  if (!fresh.ok()) return Failed(fresh.status());
  redis_outage_.Recovered();
  return *pending + *fresh;
}

absl::Status EventConsumer::Claim() {
  std::vector<std::string> keys;
  for (const Partition& p : partitions_) keys.push_back(p.key);
  absl::StatusOr<std::vector<int64_t>> claimed = ClaimIdle(
      *redis_, keys, options_.group, options_.consumer, options_.claim_min_idle, options_.count);
  if (!claimed.ok()) return claimed.status();
  for (size_t i = 0; i < partitions_.size(); ++i) {
    if ((*claimed)[i] == 0) continue;
    // Claimed entries join this consumer's pending list; read them from there, in order.
    partitions_[i].catching_up = true;
    partitions_[i].cursor = "0-0";
    Increment(claimed_, static_cast<double>((*claimed)[i]));
    log::Info("claimed pending entries of an idle consumer", {{"group", options_.group},
                                                              {"partition", static_cast<int>(i)},
                                                              {"entries", (*claimed)[i]}});
  }
  return absl::OkStatus();
}

absl::StatusOr<int> EventConsumer::ReadPending(absl::Time now) {
  std::vector<Partition*> ready;
  std::vector<RedisArgv> commands;
  for (Partition& p : partitions_) {
    if (!p.catching_up || p.retry_at > now) continue;
    ready.push_back(&p);
    commands.push_back({"XREADGROUP", "GROUP", options_.group, options_.consumer, "COUNT",
                        p.retrying ? "1" : absl::StrCat(options_.count), "STREAMS", p.key,
                        p.cursor});
  }
  if (commands.empty()) return 0;
  absl::StatusOr<std::vector<RedisValue>> replies = redis_->Pipeline(commands);
  if (!replies.ok()) return replies.status();
  int settled = 0;
  for (size_t i = 0; i < ready.size(); ++i) {
    const RedisValue& reply = (*replies)[i];
    if (reply.is_error()) return reply.status();
    std::vector<StreamBatch> batches = ParseReadReply(reply);
    if (batches.empty() || batches[0].entries.empty()) {
      ready[i]->catching_up = false;  // nothing left of our own: read new entries again
      ready[i]->retrying = false;
      continue;
    }
    absl::StatusOr<int> n = HandleBatch(*ready[i], batches[0].entries, /*from_pending=*/true);
    if (!n.ok()) return n.status();
    settled += *n;
  }
  return settled;
}

absl::StatusOr<int> EventConsumer::ReadNew(absl::Time now) {
  RedisArgv command = {"XREADGROUP",      "GROUP", options_.group,
                       options_.consumer, "COUNT", absl::StrCat(options_.count)};
  std::vector<std::string> keys;
  absl::Duration wait = options_.block;
  for (const Partition& p : partitions_) {
    if (!p.catching_up) {
      keys.push_back(p.key);
    } else {
      wait = std::min(wait, std::max(p.retry_at - now, absl::ZeroDuration()));
    }
  }
  if (keys.empty()) {
    WaitUnlessStopping(wait);
    return 0;
  }
  // Pending entries waiting to be read keep the wait short; BLOCK 0 would mean forever.
  if (wait >= absl::Milliseconds(1)) {
    command.push_back("BLOCK");
    command.push_back(absl::StrCat(absl::ToInt64Milliseconds(wait)));
  }
  command.push_back("STREAMS");
  command.insert(command.end(), keys.begin(), keys.end());
  command.insert(command.end(), keys.size(), ">");
  absl::StatusOr<RedisValue> reply = redis_->Command(command);
  if (!reply.ok()) return reply.status();
  int settled = 0;
  for (const StreamBatch& batch : ParseReadReply(*reply)) {
    Partition* p = PartitionOfKey(batch.key);
    if (p == nullptr) continue;
    absl::StatusOr<int> n = HandleBatch(*p, batch.entries, /*from_pending=*/false);
    if (!n.ok()) return n.status();
    settled += *n;
  }
  return settled;
}

EventConsumer::Partition* EventConsumer::PartitionOfKey(const std::string& key) {
  for (Partition& p : partitions_) {
    if (p.key == key) return &p;
  }
  return nullptr;
}

absl::StatusOr<EventConsumer::Outcome> EventConsumer::Handle(const EventEnvelope& envelope) {
  Outcome outcome = Outcome::kHandled;
  absl::Status status = pg::Transact(pool_, [&](pqxx::work& tx) -> absl::Status {
    outcome = Outcome::kHandled;  // the body may run again after a serialization failure
    if (pg::Prepared(tx, kRecordConsumed, options_.group, envelope.event_id()).affected_rows() ==
        0) {
      outcome = Outcome::kDuplicate;
      return absl::OkStatus();
    }
    return handler_(envelope, tx);
  });
  if (!status.ok()) return status;
  return outcome;
}

absl::StatusOr<EventConsumer::Outcome> EventConsumer::HandleWithRetry(
    const EventEnvelope& envelope) {
  Backoff backoff(absl::Milliseconds(50), options_.max_backoff);
  while (true) {
    absl::StatusOr<Outcome> outcome = Handle(envelope);
    if (outcome.ok()) dependency_outage_.Recovered();
    if (outcome.ok() || !IsTransient(outcome.status())) return outcome;
    Increment(failures_);
    dependency_outage_.Failed(outcome.status());
    if (Stopping()) return outcome;
    WaitUnlessStopping(backoff.Next());
  }
}

absl::Status EventConsumer::DeadLetter(const Partition& partition, const StreamEntry& entry,
                                       const std::string& reason, int64_t deliveries) {
  RedisArgv command = {"XADD",
                       DeadLetterKey(options_.stream_prefix, options_.group),
                       "*",
                       "source_stream",
                       partition.key,
                       "source_id",
                       entry.id,
                       "reason",
                       reason,
                       "deliveries",
                       absl::StrCat(deliveries)};
  for (const auto& [field, value] : entry.fields) {
    command.push_back(field);
    command.push_back(value);
  }
  absl::StatusOr<RedisValue> added = redis_->Command(command);
  if (!added.ok()) return added.status();
  Increment(dead_lettered_);
  const std::string* event_id = entry.Field("event_id");
  log::Error("event moved to the dead-letter stream",
             {{"group", options_.group},
              {"event_id", event_id != nullptr ? *event_id : ""},
              {"stream", partition.key},
              {"entry_id", entry.id},
              {"reason", reason},
              {"deliveries", deliveries}});
  return absl::OkStatus();
}

absl::StatusOr<int> EventConsumer::HandleBatch(Partition& partition,
                                               const std::vector<StreamEntry>& entries,
                                               bool from_pending) {
  absl::flat_hash_map<std::string, int64_t> deliveries;
  if (from_pending) {
    absl::StatusOr<absl::flat_hash_map<std::string, int64_t>> counts =
        DeliveryCounts(*redis_, partition.key, options_.group, options_.consumer, entries);
    if (!counts.ok()) return counts.status();
    deliveries = *std::move(counts);
  }
  std::vector<PreparedEntry> prepared =
      PrepareEntries(entries, deliveries, options_.max_deliveries, options_.wants);
  if (options_.prove_origin) {
    if (absl::Status s = ProveOrigin(pool_, entries, prepared); !s.ok()) return s;
  }
  // The events of the read a few dozen per transaction; what that does not reach (a failed event
  // and those after it), one at a time, as before.
  std::vector<std::optional<bool>> handled_in_batch(entries.size());
  const auto events =
      std::count_if(prepared.begin(), prepared.end(), [](auto& e) { return e.event; });
  bool batch_done = false;
  if (events > 1 && options_.batch_handler) {
    absl::StatusOr<std::vector<std::optional<bool>>> handled =
        HandleAsOneBatch(pool_, options_.group, prepared, options_.batch_handler);
    if (handled.ok()) {
      handled_in_batch = *std::move(handled);
      batch_done = true;
    } else {
      Increment(whole_batch_fallbacks_);
      log::Debug("whole-read batch failed: its events are handled one by one",
                 {{"group", options_.group}, {"error", handled.status().ToString()}});
    }
  }
  if (!batch_done && events > 1) {
    absl::StatusOr<std::vector<std::optional<bool>>> handled =
        HandleInOneTransaction(pool_, options_.group, prepared, handler_);
    if (handled.ok()) {
      handled_in_batch = *std::move(handled);
    } else {
      Increment(batch_fallbacks_);
      log::Debug("batch failed: its entries are handled one at a time",
                 {{"group", options_.group}, {"error", handled.status().ToString()}});
    }
  }
  std::vector<std::string> acks;
  bool held_back = false;  // an entry failed: it and everything after it stay pending
  for (size_t i = 0; i < entries.size(); ++i) {
    const StreamEntry& entry = entries[i];
    if (entry.deleted) {  // trimmed or deleted before we got to it: nothing left to handle
      acks.push_back(entry.id);
      continue;
    }
    if (prepared[i].skipped) {
      Increment(skipped_);
      acks.push_back(entry.id);
      continue;
    }
    const int64_t delivered = prepared[i].delivered;
    // Probably kills its consumers: it was delivered again and again without an outcome.
    if (delivered > options_.max_deliveries) {
      if (absl::Status s = DeadLetter(partition, entry, "max_deliveries", delivered); !s.ok()) {
        return s;
      }
      acks.push_back(entry.id);
      continue;
    }
    if (prepared[i].unproven) {
      Increment(unproven_);
      log::Warning("a stream entry names an event no service wrote: dead-lettered",
                   {{"group", options_.group}, {"stream", partition.key}, {"entry", entry.id}});
      if (absl::Status s = DeadLetter(partition, entry, "not_in_outbox", delivered); !s.ok()) {
        return s;
      }
      acks.push_back(entry.id);
      continue;
    }
    if (!prepared[i].event) {
      if (absl::Status s = DeadLetter(partition, entry, "malformed", delivered); !s.ok()) return s;
      acks.push_back(entry.id);
      continue;
    }
    const EventEnvelope& envelope = *prepared[i].event;
    absl::StatusOr<Outcome> outcome =
        !handled_in_batch[i] ? HandleWithRetry(envelope)
                             : (*handled_in_batch[i] ? Outcome::kHandled : Outcome::kDuplicate);
    if (outcome.ok()) {
      Increment(*outcome == Outcome::kDuplicate ? duplicates_ : consumed_);
      acks.push_back(entry.id);
      partition.retrying = false;
      partition.backoff.Reset();
      continue;
    }
    if (IsTransient(outcome.status())) {  // stopping while the database is away
      held_back = true;
      break;
    }
    Increment(failures_);
    log::Warning("event handler failed", {{"group", options_.group},
                                          {"event_id", envelope.event_id()},
                                          {"stream", partition.key},
                                          {"deliveries", delivered},
                                          {"error", outcome.status().ToString()}});
    if (delivered >= options_.max_deliveries) {
      if (absl::Status s = DeadLetter(partition, entry, "handler_failed", delivered); !s.ok()) {
        return s;
      }
      acks.push_back(entry.id);
      partition.retrying = false;
      continue;
    }
    // Retry this entry, alone, before anything later in its partition (per-ticket order).
    partition.retrying = true;
    partition.retry_at = absl::Now() + partition.backoff.Next();
    held_back = true;
    break;
  }

  if (!acks.empty()) {
    RedisArgv xack = {"XACK", partition.key, options_.group};
    xack.insert(xack.end(), acks.begin(), acks.end());
    absl::StatusOr<RedisValue> acked = redis_->Command(xack);
    if (!acked.ok()) return acked.status();  // unacked ones come back and are found consumed
  }
  if (held_back) {
    partition.catching_up = true;
    partition.cursor = "0-0";  // everything before the held-back entry is acknowledged
  } else if (from_pending) {
    partition.cursor = entries.back().id;
  }
  return static_cast<int>(acks.size());
}

}  // namespace hotline::events
