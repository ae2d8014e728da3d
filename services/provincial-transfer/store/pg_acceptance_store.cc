#include "services/provincial-transfer/store/pg_acceptance_store.h"

#include <pqxx/result>
#include <pqxx/row>

#include "libs/pg/pg_transaction.h"
#include "libs/pg/prepared.h"

namespace hotline::transfer {
namespace {

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }

std::optional<absl::Time> TimeOf(const pqxx::field& micros) {
  if (micros.is_null()) return std::nullopt;
  return absl::FromUnixMicros(micros.as<int64_t>());
}

#define HOTLINE_WATCH_COLUMNS                                                    \
  "ticket_id, peer, floor(extract(epoch FROM forwarded_at) * 1000000)::bigint, " \
  "floor(extract(epoch FROM due_at) * 1000000)::bigint, tier, "                  \
  "floor(extract(epoch FROM answered_at) * 1000000)::bigint, "                   \
  "floor(extract(epoch FROM flagged_at) * 1000000)::bigint"

AcceptanceWatchRow RowOf(const pqxx::row& r) {
  AcceptanceWatchRow w;
  w.ticket_id = r[0].as<int64_t>();
  w.peer = r[1].c_str();
  w.forwarded_at = absl::FromUnixMicros(r[2].as<int64_t>());
  w.due_at = absl::FromUnixMicros(r[3].as<int64_t>());
  w.tier = r[4].c_str();
  w.answered_at = TimeOf(r[5]);
  w.flagged_at = TimeOf(r[6]);
  return w;
}

}  // namespace

constexpr char kWatch[] = R"sql(
INSERT INTO transfer_acceptance_watch (ticket_id, peer, forwarded_at, due_at, tier)
VALUES ($1, $2, 'epoch'::timestamptz + $3::bigint * interval '1 microsecond',
  'epoch'::timestamptz + $4::bigint * interval '1 microsecond', $5)
ON CONFLICT (ticket_id, peer) DO UPDATE SET forwarded_at = excluded.forwarded_at,
  due_at = excluded.due_at, tier = excluded.tier, answered_at = NULL, flagged_at = NULL
WHERE transfer_acceptance_watch.forwarded_at < excluded.forwarded_at)sql";

void PgAcceptanceStore::Watch(Transaction& tx, const AcceptanceWatchRow& row) const {
  pg::Prepared(pg::Work(tx), kWatch, row.ticket_id, row.peer, Micros(row.forwarded_at),
               Micros(row.due_at), row.tier);
}

constexpr char kAnswered[] = R"sql(
UPDATE transfer_acceptance_watch
SET answered_at = 'epoch'::timestamptz + $2::bigint * interval '1 microsecond'
WHERE ticket_id = $1 AND answered_at IS NULL)sql";

void PgAcceptanceStore::MarkAnswered(Transaction& tx, int64_t ticket_id, absl::Time at) const {
  pg::Prepared(pg::Work(tx), kAnswered, ticket_id, Micros(at));
}

constexpr char kOverdue[] = "SELECT " HOTLINE_WATCH_COLUMNS
                            " FROM transfer_acceptance_watch "
                            "WHERE answered_at IS NULL AND flagged_at IS NULL AND due_at <= "
                            "'epoch'::timestamptz + $1::bigint * interval '1 microsecond' "
                            "ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED";

std::vector<AcceptanceWatchRow> PgAcceptanceStore::Overdue(Transaction& tx, absl::Time now,
                                                           int limit) const {
  std::vector<AcceptanceWatchRow> out;
  for (const pqxx::row& r : pg::Prepared(pg::Work(tx), kOverdue, Micros(now), limit)) {
    out.push_back(RowOf(r));
  }
  return out;
}

constexpr char kFlagged[] = R"sql(
UPDATE transfer_acceptance_watch
SET flagged_at = 'epoch'::timestamptz + $3::bigint * interval '1 microsecond'
WHERE ticket_id = $1 AND peer = $2)sql";

void PgAcceptanceStore::MarkFlagged(Transaction& tx, int64_t ticket_id, const std::string& peer,
                                    absl::Time at) const {
  pg::Prepared(pg::Work(tx), kFlagged, ticket_id, peer, Micros(at));
}

constexpr char kUnacknowledged[] = R"sql(
SELECT peer, count(*) FROM transfer_acceptance_watch
WHERE answered_at IS NULL AND flagged_at IS NOT NULL GROUP BY peer)sql";

std::map<std::string, int64_t> PgAcceptanceStore::UnacknowledgedByPeer(Transaction& tx) const {
  std::map<std::string, int64_t> out;
  for (const pqxx::row& r : pg::Prepared(pg::Work(tx), kUnacknowledged)) {
    out[r[0].c_str()] = r[1].as<int64_t>();
  }
  return out;
}

constexpr char kWatchesOf[] = "SELECT " HOTLINE_WATCH_COLUMNS
                              " FROM transfer_acceptance_watch WHERE ticket_id = $1 ORDER BY peer";

std::vector<AcceptanceWatchRow> PgAcceptanceStore::WatchesOf(Transaction& tx,
                                                             int64_t ticket_id) const {
  std::vector<AcceptanceWatchRow> out;
  for (const pqxx::row& r : pg::Prepared(pg::Work(tx), kWatchesOf, ticket_id)) {
    out.push_back(RowOf(r));
  }
  return out;
}

}  // namespace hotline::transfer
