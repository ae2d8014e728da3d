#include "libs/events/consumer_batch.h"

#include <algorithm>
#include <cctype>
#include <pqxx/result>

#include "absl/container/flat_hash_set.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/pg_error.h"
#include "libs/pg/prepared.h"
#include "libs/pg/transact.h"

namespace hotline::events {
namespace {

using hotline::common::v1::EventEnvelope;

// Records the ids not consumed yet and returns them.
constexpr char kRecordConsumedBatch[] = R"sql(
INSERT INTO consumed_events (consumer_group, event_id) SELECT $1, unnest($2::uuid[])
ON CONFLICT DO NOTHING RETURNING event_id)sql";

constexpr char kForgetConsumed[] =
    "DELETE FROM consumed_events WHERE consumer_group = $1 AND event_id = ANY($2::uuid[])";
constexpr char kSavepoint[] = "SAVEPOINT hotline_event";
constexpr char kReleaseSavepoint[] = "RELEASE SAVEPOINT hotline_event";
constexpr char kRollbackToSavepoint[] = "ROLLBACK TO SAVEPOINT hotline_event";

// Savepoints per transaction stay under PostgreSQL's 64-entry subtransaction cache, past which
// every backend slows down.
constexpr size_t kMaxPerTransaction = 50;

// PostgreSQL returns a uuid in its canonical form, whatever form the event carried (upper case,
// braces, other hyphenation): compare them by their hex digits, lower case.
std::string UuidKey(const std::string& id) {
  std::string key;
  key.reserve(32);
  for (char c : id) {
    if (c == '-' || c == '{' || c == '}') continue;
    key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return key;
}

}  // namespace

std::vector<PreparedEntry> PrepareEntries(
    const std::vector<StreamEntry>& entries,
    const absl::flat_hash_map<std::string, int64_t>& deliveries, int max_deliveries,
    const std::function<bool(const EventEnvelope&)>& wants) {
  std::vector<PreparedEntry> prepared(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].deleted) continue;
    const auto count = deliveries.find(entries[i].id);
    if (count != deliveries.end()) prepared[i].delivered = count->second;
    if (prepared[i].delivered > max_deliveries) continue;
    const std::string* raw = entries[i].Field("envelope");
    std::optional<EventEnvelope>& event = prepared[i].event;
    if (raw == nullptr || !event.emplace().ParseFromString(*raw) || event->event_id().empty()) {
      event.reset();
    } else if (wants && !wants(*event)) {
      event.reset();
      prepared[i].skipped = true;
    }
  }
  return prepared;
}

absl::StatusOr<std::vector<std::optional<bool>>> HandleInOneTransaction(
    pg::PgPool& pool, const std::string& group, const std::vector<PreparedEntry>& entries,
    const std::function<absl::Status(const EventEnvelope&, pqxx::work&)>& handler) {
  std::vector<std::string> keys;  // of each entry, in order
  for (const PreparedEntry& entry : entries) {
    keys.push_back(entry.event ? UuidKey(entry.event->event_id()) : "");
  }
  std::vector<std::optional<bool>> outcomes(entries.size());
  absl::flat_hash_set<std::string> seen;  // ids handled or skipped in earlier chunks
  for (size_t start = 0; start < entries.size(); start += kMaxPerTransaction) {
    const size_t end = std::min(entries.size(), start + kMaxPerTransaction);
    std::vector<std::string> ids;  // each once
    absl::flat_hash_set<std::string> in_chunk;
    for (size_t i = start; i < end; ++i) {
      if (entries[i].event && !seen.contains(keys[i]) && in_chunk.insert(keys[i]).second) {
        ids.push_back(entries[i].event->event_id());
      }
    }
    bool stopped = false;  // a handler failed in this chunk
    absl::Status status = pg::Transact(pool, [&](pqxx::work& tx) -> absl::Status {
      // The body may run again after a serialization failure.
      std::fill(outcomes.begin() + start, outcomes.begin() + end, std::nullopt);
      stopped = false;
      absl::flat_hash_set<std::string> inserted;
      if (!ids.empty()) {
        for (const pqxx::row& row :
             pg::Prepared(tx, kRecordConsumedBatch, group, pg::TextArrayLiteral(ids))) {
          inserted.insert(UuidKey(row[0].as<std::string>()));
        }
      }
      for (size_t i = start; i < end; ++i) {
        if (!entries[i].event) continue;
        if (inserted.erase(keys[i]) == 0) {  // consumed before, or earlier in this read
          outcomes[i] = false;
          continue;
        }
        tx.exec(kSavepoint);
        absl::Status handled;
        try {
          handled = handler(*entries[i].event, tx);
        } catch (const std::exception& e) {
          handled = pg::StatusFromException(e);
        }
        if (handled.ok()) {
          tx.exec(kReleaseSavepoint);
          outcomes[i] = true;
          continue;
        }
        // Undo this event's work and forget it and the ones after it: they go one at a time.
        tx.exec(kRollbackToSavepoint);
        std::vector<std::string> unreached = {entries[i].event->event_id()};
        for (size_t j = i + 1; j < end; ++j) {
          if (entries[j].event && inserted.erase(keys[j]) > 0) {
            unreached.push_back(entries[j].event->event_id());
          }
        }
        pg::Prepared(tx, kForgetConsumed, group, pg::TextArrayLiteral(unreached));
        outcomes[i] = std::nullopt;
        stopped = true;
        return absl::OkStatus();  // commit what was handled before it
      }
      return absl::OkStatus();
    });
    if (!status.ok()) {
      if (start == 0) return status;
      break;  // earlier chunks are committed; the rest goes one at a time
    }
    for (size_t i = start; i < end; ++i) seen.insert(keys[i]);
    if (stopped) break;
  }
  return outcomes;
}

absl::StatusOr<std::vector<std::optional<bool>>> HandleAsOneBatch(
    pg::PgPool& pool, const std::string& group, const std::vector<PreparedEntry>& entries,
    const BatchHandler& handler) {
  std::vector<std::string> keys(entries.size());
  std::vector<std::string> ids;  // each once
  absl::flat_hash_set<std::string> distinct;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (!entries[i].event) continue;
    keys[i] = UuidKey(entries[i].event->event_id());
    if (distinct.insert(keys[i]).second) ids.push_back(entries[i].event->event_id());
  }
  std::vector<std::optional<bool>> outcomes(entries.size());
  absl::Status status = pg::Transact(pool, [&](pqxx::work& tx) -> absl::Status {
    std::fill(outcomes.begin(), outcomes.end(), std::nullopt);  // the body may run again
    absl::flat_hash_set<std::string> inserted;
    if (!ids.empty()) {
      for (const pqxx::row& row :
           pg::Prepared(tx, kRecordConsumedBatch, group, pg::TextArrayLiteral(ids))) {
        inserted.insert(UuidKey(row[0].as<std::string>()));
      }
    }
    std::vector<const EventEnvelope*> fresh;
    for (size_t i = 0; i < entries.size(); ++i) {
      if (!entries[i].event) continue;
      outcomes[i] = inserted.erase(keys[i]) > 0;  // the first occurrence of a new id only
      if (*outcomes[i]) fresh.push_back(&*entries[i].event);
    }
    if (fresh.empty()) return absl::OkStatus();
    try {
      return handler(fresh, tx);
    } catch (const std::exception& e) {
      return pg::StatusFromException(e);
    }
  });
  if (!status.ok()) return status;
  return outcomes;
}

}  // namespace hotline::events
