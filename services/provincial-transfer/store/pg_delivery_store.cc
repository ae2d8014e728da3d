#include "services/provincial-transfer/store/pg_delivery_store.h"

#include <pqxx/result>
#include <pqxx/row>

#include "absl/strings/escaping.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"
#include "libs/pg/prepared.h"
#include "services/provincial-transfer/store/outbox_rows.h"
#include "services/provincial-transfer/store/sealed_envelope.h"

namespace hotline::transfer {
namespace {

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }

std::optional<absl::Time> TimeOf(const pqxx::field& micros) {
  if (micros.is_null()) return std::nullopt;
  return absl::FromUnixMicros(micros.as<int64_t>());
}

}  // namespace

// Through the primary key: a peer's pending rows are few next to its delivered ones.
constexpr char kPendingAfter[] = R"sql(
SELECT id, ticket_id, sequence, encode(envelope, 'base64'), attempts, envelope_key IS NOT NULL
FROM transfer_outbox
WHERE peer = $1 AND state = 0 AND id > $2
ORDER BY id LIMIT $3)sql";

std::vector<OutboxMessage> PgDeliveryStore::PendingAfter(Transaction& tx, const std::string& peer,
                                                         int64_t after_id, int limit) const {
  std::vector<OutboxMessage> out;
  for (const pqxx::row& r : pg::Prepared(pg::Work(tx), kPendingAfter, peer, after_id, limit)) {
    out.push_back(ReadOutboxRow(r, peer, cipher_));
  }
  return out;
}

constexpr char kMarkTaken[] = R"sql(
UPDATE transfer_outbox SET state = 1, last_error = '',
  delivered_at = 'epoch'::timestamptz + $3::bigint * interval '1 microsecond'
WHERE id = ANY ($2::bigint[]) AND peer = $1 AND state = 0)sql";

int PgDeliveryStore::MarkTaken(Transaction& tx, const std::string& peer,
                               const std::vector<int64_t>& ids, absl::Time at) const {
  if (ids.empty()) return 0;
  return static_cast<int>(
      pg::Prepared(pg::Work(tx), kMarkTaken, peer, pg::IntArrayLiteral(ids), Micros(at))
          .affected_rows());
}

// ---- each peer's last outcomes ----

constexpr char kRecordSuccess[] = R"sql(
INSERT INTO transfer_peer_status (peer, last_success_at)
VALUES ($1, 'epoch'::timestamptz + $2::bigint * interval '1 microsecond')
ON CONFLICT (peer) DO UPDATE SET last_success_at = excluded.last_success_at)sql";

void PgDeliveryStore::RecordSuccess(Transaction& tx, const std::string& peer, absl::Time at) const {
  pg::Prepared(pg::Work(tx), kRecordSuccess, peer, Micros(at));
}

constexpr char kRecordFailure[] = R"sql(
INSERT INTO transfer_peer_status (peer, last_error, last_error_at)
VALUES ($1, $2, 'epoch'::timestamptz + $3::bigint * interval '1 microsecond')
ON CONFLICT (peer) DO UPDATE SET last_error = excluded.last_error,
  last_error_at = excluded.last_error_at)sql";

void PgDeliveryStore::RecordFailure(Transaction& tx, const std::string& peer,
                                    const std::string& error, absl::Time at) const {
  pg::Prepared(pg::Work(tx), kRecordFailure, peer, error, Micros(at));
}

constexpr char kRetryRequestedAt[] = R"sql(
SELECT floor(extract(epoch FROM retry_requested_at) * 1000000)::bigint
FROM transfer_peer_status WHERE peer = $1)sql";

std::optional<absl::Time> PgDeliveryStore::RetryRequestedAt(Transaction& tx,
                                                            const std::string& peer) const {
  const pqxx::result r = pg::Prepared(pg::Work(tx), kRetryRequestedAt, peer);
  if (r.empty()) return std::nullopt;
  return TimeOf(r[0][0]);
}

// ---- operators ----

// Pending, dead and parked rows through their partial indexes; delivered rows are never read.
constexpr char kPeerQueues[] = R"sql(
WITH q AS (
  SELECT peer, count(*) FILTER (WHERE state = 0) AS pending,
    count(*) FILTER (WHERE state = 0 AND attempts > 0) AS retrying,
    count(*) FILTER (WHERE state = 2) AS dead, count(*) FILTER (WHERE state = 3) AS parked,
    floor(extract(epoch FROM min(created_at) FILTER (WHERE state = 0)) * 1000000)::bigint AS oldest
  FROM transfer_outbox WHERE state IN (0, 2, 3) GROUP BY peer)
SELECT coalesce(q.peer, s.peer), coalesce(q.pending, 0), coalesce(q.retrying, 0),
  coalesce(q.dead, 0), coalesce(q.parked, 0), q.oldest,
  floor(extract(epoch FROM s.last_success_at) * 1000000)::bigint, coalesce(s.last_error, ''),
  floor(extract(epoch FROM s.last_error_at) * 1000000)::bigint
FROM q FULL JOIN transfer_peer_status s ON s.peer = q.peer
ORDER BY 1)sql";

std::vector<PeerQueueRow> PgDeliveryStore::PeerQueues(Transaction& tx) const {
  std::vector<PeerQueueRow> out;
  for (const pqxx::row& r : pg::Prepared(pg::Work(tx), kPeerQueues)) {
    PeerQueueRow q;
    q.peer = r[0].c_str();
    q.pending = r[1].as<int64_t>();
    q.retrying = r[2].as<int64_t>();
    q.dead_lettered = r[3].as<int64_t>();
    q.parked = r[4].as<int64_t>();
    q.oldest_pending = TimeOf(r[5]);
    q.last_success_at = TimeOf(r[6]);
    q.last_error = r[7].c_str();
    q.last_error_at = TimeOf(r[8]);
    out.push_back(std::move(q));
  }
  return out;
}

#define HOTLINE_DELIVERY_COLUMNS                                           \
  "id, peer, ticket_id, sequence, state, attempts, last_error, "           \
  "floor(extract(epoch FROM created_at) * 1000000)::bigint, "              \
  "floor(extract(epoch FROM next_attempt_at) * 1000000)::bigint, "         \
  "floor(extract(epoch FROM delivered_at) * 1000000)::bigint, cancelled, " \
  "encode(envelope, 'base64'), envelope_key IS NOT NULL"

DeliveryRow PgDeliveryStore::RowOf(const pqxx::row& r) const {
  DeliveryRow d;
  d.id = r[0].as<int64_t>();
  d.peer = r[1].c_str();
  d.ticket_id = r[2].as<int64_t>();
  d.sequence = r[3].as<int64_t>();
  d.state = static_cast<OutboxState>(r[4].as<int>());
  d.attempts = r[5].as<int>();
  d.last_error = r[6].c_str();
  d.created_at = absl::FromUnixMicros(r[7].as<int64_t>());
  d.next_attempt_at = absl::FromUnixMicros(r[8].as<int64_t>());
  d.delivered_at = TimeOf(r[9]);
  d.cancelled = r[10].as<bool>();
  // Opened only to name its kind: nothing of its content leaves the store.
  absl::StatusOr<v1::PeerEnvelope> envelope = OpenEnvelope(
      cipher_, BytesOf(r[11]), r[12].as<bool>(), OutboxContext(d.peer, d.ticket_id, d.sequence));
  if (envelope.ok()) d.body = envelope->body_case();
  return d;
}

constexpr char kDeliveriesOf[] = "SELECT " HOTLINE_DELIVERY_COLUMNS
                                 " FROM transfer_outbox WHERE ticket_id = $1 "
                                 "ORDER BY peer, sequence";

std::vector<DeliveryRow> PgDeliveryStore::DeliveriesOf(Transaction& tx, int64_t ticket_id) const {
  std::vector<DeliveryRow> out;
  for (const pqxx::row& r : pg::Prepared(pg::Work(tx), kDeliveriesOf, ticket_id)) {
    out.push_back(RowOf(r));
  }
  return out;
}

constexpr char kLockMessage[] =
    "SELECT " HOTLINE_DELIVERY_COLUMNS " FROM transfer_outbox WHERE id = $1 FOR UPDATE";

std::optional<DeliveryRow> PgDeliveryStore::LockMessage(Transaction& tx, int64_t id) const {
  const pqxx::result r = pg::Prepared(pg::Work(tx), kLockMessage, id);
  if (r.empty()) return std::nullopt;
  return RowOf(r[0]);
}

#undef HOTLINE_DELIVERY_COLUMNS

constexpr char kRequeueMessage[] = R"sql(
UPDATE transfer_outbox SET state = 0, attempts = 0,
  next_attempt_at = 'epoch'::timestamptz + $2::bigint * interval '1 microsecond'
WHERE id = $1)sql";

void PgDeliveryStore::RequeueMessage(Transaction& tx, int64_t id, absl::Time now) const {
  pg::Prepared(pg::Work(tx), kRequeueMessage, id, Micros(now));
}

constexpr char kRequeuePeer[] = R"sql(
UPDATE transfer_outbox SET state = 0,
  attempts = CASE WHEN state = 2 THEN 0 ELSE attempts END,
  next_attempt_at = least(next_attempt_at,
                          'epoch'::timestamptz + $3::bigint * interval '1 microsecond')
WHERE peer = $1 AND (state = 0 OR (state = 2 AND $2)))sql";

constexpr char kRetryRequested[] = R"sql(
INSERT INTO transfer_peer_status (peer, retry_requested_at)
VALUES ($1, 'epoch'::timestamptz + $2::bigint * interval '1 microsecond')
ON CONFLICT (peer) DO UPDATE SET retry_requested_at = excluded.retry_requested_at)sql";

int PgDeliveryStore::RequeuePeer(Transaction& tx, const std::string& peer, bool dead_letters,
                                 absl::Time now) const {
  const int changed = static_cast<int>(
      pg::Prepared(pg::Work(tx), kRequeuePeer, peer, dead_letters, Micros(now)).affected_rows());
  pg::Prepared(pg::Work(tx), kRetryRequested, peer, Micros(now));
  return changed;
}

constexpr char kPark[] = "UPDATE transfer_outbox SET state = 3 WHERE id = $1";

void PgDeliveryStore::Park(Transaction& tx, int64_t id) const {
  pg::Prepared(pg::Work(tx), kPark, id);
}

constexpr char kCompensate[] = R"sql(
UPDATE transfer_outbox SET envelope = decode($2, 'base64'), envelope_key = $3, state = 0,
  attempts = 0, cancelled = true,
  next_attempt_at = 'epoch'::timestamptz + $4::bigint * interval '1 microsecond'
WHERE id = $1)sql";

void PgDeliveryStore::ReplaceWithCompensation(Transaction& tx, const DeliveryRow& row,
                                              const v1::PeerEnvelope& compensation,
                                              absl::Time now) const {
  const SealedEnvelope sealed =
      SealEnvelope(cipher_, compensation, OutboxContext(row.peer, row.ticket_id, row.sequence));
  pg::Prepared(pg::Work(tx), kCompensate, row.id, absl::Base64Escape(sealed.bytes), sealed.key_id,
               Micros(now));
}

constexpr char kAudit[] = R"sql(
INSERT INTO transfer_delivery_audit (principal, role, action, peer, message_id, messages, reason)
VALUES ($1, $2, $3, $4, NULLIF($5::bigint, 0), $6, $7))sql";

void PgDeliveryStore::Audit(Transaction& tx, const SteeringAudit& e) const {
  pg::Prepared(pg::Work(tx), kAudit, e.principal, e.role, e.action, e.peer,
               e.message_id.value_or(0), e.messages, e.reason);
}

}  // namespace hotline::transfer
