#include "services/provincial-transfer/store/pg_message_store.h"

#include <pqxx/result>
#include <pqxx/row>

#include "absl/strings/escaping.h"
#include "libs/common/proto_time.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"
#include "libs/pg/prepared.h"
#include "services/provincial-transfer/store/outbox_rows.h"
#include "services/provincial-transfer/store/sealed_envelope.h"

namespace hotline::transfer {
namespace {

// Envelopes travel to and from PostgreSQL as base64 text (decode/encode in SQL): libpqxx 6 binds
// no binary parameters.
std::string Base64Of(const std::string& bytes) { return absl::Base64Escape(bytes); }

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }

TicketLink LinkFromRow(const pqxx::row& r) {
  return {r[0].as<int64_t>(), r[1].c_str(), r[2].c_str(), r[3].c_str(),
          r[4].c_str(),       r[5].c_str(), r[6].c_str()};
}

}  // namespace

constexpr char kLinkOf[] = R"sql(
SELECT ticket_id, received_from, origin_ticket_number, first_instance, first_ticket_number,
  sent_to, remote_ticket_number FROM transfer_links WHERE ticket_id = $1)sql";

std::optional<TicketLink> PgMessageStore::LinkOf(Transaction& tx, int64_t ticket_id) const {
  const pqxx::result r = pg::Prepared(pg::Work(tx), kLinkOf, ticket_id);
  if (r.empty()) return std::nullopt;
  return LinkFromRow(r[0]);
}

constexpr char kLinkFrom[] = R"sql(
SELECT ticket_id, received_from, origin_ticket_number, first_instance, first_ticket_number,
  sent_to, remote_ticket_number FROM transfer_links
WHERE received_from = $1 AND origin_ticket_number = $2 AND received_from <> '')sql";

std::optional<TicketLink> PgMessageStore::LinkFrom(Transaction& tx, const std::string& peer,
                                                   const std::string& origin_number) const {
  const pqxx::result r = pg::Prepared(pg::Work(tx), kLinkFrom, peer, origin_number);
  if (r.empty()) return std::nullopt;
  return LinkFromRow(r[0]);
}

constexpr char kSaveLink[] = R"sql(
INSERT INTO transfer_links (ticket_id, received_from, origin_ticket_number, first_instance,
  first_ticket_number, sent_to, remote_ticket_number, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, now())
ON CONFLICT (ticket_id) DO UPDATE SET received_from = excluded.received_from,
  origin_ticket_number = excluded.origin_ticket_number, first_instance = excluded.first_instance,
  first_ticket_number = excluded.first_ticket_number, sent_to = excluded.sent_to,
  remote_ticket_number = excluded.remote_ticket_number, updated_at = now())sql";

void PgMessageStore::SaveLink(Transaction& tx, const TicketLink& l) const {
  pg::Prepared(pg::Work(tx), kSaveLink, l.ticket_id, l.received_from, l.origin_ticket_number,
               l.first_instance, l.first_ticket_number, l.sent_to, l.remote_ticket_number);
}

constexpr char kNextSequence[] = R"sql(
SELECT coalesce(max(sequence), 0) + 1 FROM transfer_outbox WHERE ticket_id = $1 AND peer = $2)sql";

int64_t PgMessageStore::NextSequence(Transaction& tx, int64_t ticket_id,
                                     const std::string& peer) const {
  return pg::Prepared1(pg::Work(tx), kNextSequence, ticket_id, peer)[0].as<int64_t>();
}

// Due at once: at the envelope's sent_at, the use case's clock.
constexpr char kEnqueue[] = R"sql(
INSERT INTO transfer_outbox (peer, ticket_id, sequence, envelope, envelope_key, next_attempt_at,
  created_at)
VALUES ($1, $2, $3, decode($4, 'base64'), $5,
  'epoch'::timestamptz + $6::bigint * interval '1 microsecond',
  'epoch'::timestamptz + $6::bigint * interval '1 microsecond'))sql";

void PgMessageStore::Enqueue(Transaction& tx, const std::string& peer, int64_t ticket_id,
                             const v1::PeerEnvelope& envelope) const {
  const SealedEnvelope sealed =
      SealEnvelope(cipher_, envelope, OutboxContext(peer, ticket_id, envelope.sequence()));
  pg::Prepared(pg::Work(tx), kEnqueue, peer, ticket_id, envelope.sequence(), Base64Of(sealed.bytes),
               sealed.key_id, Micros(FromTimestamp(envelope.sent_at())));
}

// The lowest pending sequence per ticket, due now (behind a parked one, none); SKIP LOCKED lets
// replicas share a peer.
constexpr char kDue[] = R"sql(
SELECT o.id, o.ticket_id, o.sequence, encode(o.envelope, 'base64'), o.attempts,
  o.envelope_key IS NOT NULL
FROM transfer_outbox o
WHERE o.peer = $1 AND o.state = 0
  AND o.next_attempt_at <= 'epoch'::timestamptz + $2::bigint * interval '1 microsecond'
  AND NOT (o.id = ANY ($3::bigint[]))
  AND NOT EXISTS (SELECT 1 FROM transfer_outbox e WHERE e.ticket_id = o.ticket_id
                  AND e.peer = o.peer AND e.state IN (0, 3) AND e.sequence < o.sequence)
ORDER BY o.next_attempt_at, o.id LIMIT $4
FOR UPDATE SKIP LOCKED)sql";

std::vector<OutboxMessage> PgMessageStore::Due(Transaction& tx, const std::string& peer,
                                               absl::Time now, int limit,
                                               const std::vector<int64_t>& busy) const {
  std::vector<OutboxMessage> out;
  for (const pqxx::row& r :
       pg::Work(tx).exec_params(kDue, peer, Micros(now), pg::IntArrayLiteral(busy), limit)) {
    out.push_back(ReadOutboxRow(r, peer, cipher_));
  }
  return out;
}

constexpr char kDelivered[] = R"sql(
UPDATE transfer_outbox SET state = 1, attempts = attempts + 1, last_error = '',
  delivered_at = 'epoch'::timestamptz + $2::bigint * interval '1 microsecond'
WHERE id = $1)sql";

void PgMessageStore::MarkDelivered(Transaction& tx, int64_t id, absl::Time at) const {
  pg::Prepared(pg::Work(tx), kDelivered, id, Micros(at));
}

constexpr char kRetry[] = R"sql(
UPDATE transfer_outbox SET attempts = attempts + 1, last_error = $3,
  next_attempt_at = 'epoch'::timestamptz + $2::bigint * interval '1 microsecond'
WHERE id = $1)sql";

void PgMessageStore::MarkRetry(Transaction& tx, int64_t id, absl::Time next_attempt,
                               const std::string& error) const {
  pg::Prepared(pg::Work(tx), kRetry, id, Micros(next_attempt), error);
}

constexpr char kDead[] = R"sql(
UPDATE transfer_outbox SET state = 2, attempts = attempts + 1, last_error = $2 WHERE id = $1)sql";

void PgMessageStore::MarkDead(Transaction& tx, int64_t id, const std::string& error) const {
  pg::Prepared(pg::Work(tx), kDead, id, error);
}

// Pending rows through transfer_outbox_due, dead ones through transfer_outbox_dead (0029):
// delivered rows, the bulk of the table, are never read.
constexpr char kQueueByPeer[] = R"sql(
SELECT peer, count(*) FILTER (WHERE state = 0), count(*) FILTER (WHERE state = 0 AND attempts > 0),
  count(*) FILTER (WHERE state = 2),
  floor(extract(epoch FROM min(created_at) FILTER (WHERE state = 0)) * 1000000)::bigint
FROM transfer_outbox WHERE state IN (0, 2) GROUP BY peer ORDER BY peer)sql";

std::vector<PeerQueue> PgMessageStore::QueueByPeer(Transaction& tx) const {
  std::vector<PeerQueue> out;
  for (const pqxx::row& r : pg::Prepared(pg::Work(tx), kQueueByPeer)) {
    PeerQueue q{r[0].c_str(), r[1].as<int64_t>(), r[2].as<int64_t>(), r[3].as<int64_t>()};
    if (!r[4].is_null()) q.oldest_pending = absl::FromUnixMicros(r[4].as<int64_t>());
    out.push_back(std::move(q));
  }
  return out;
}

// One message of a stream at a time: a push and a pull (or a resend after a timeout) of the same
// message arriving together must not both take effect; the second waits and finds it applied.
constexpr char kLockStream[] = R"sql(
SELECT pg_advisory_xact_lock(hashtextextended($1 || '/' || $2, 19))::text)sql";

constexpr char kInboxOf[] = R"sql(
SELECT state, local_ticket_number, encode(envelope, 'base64'), envelope_key IS NOT NULL
FROM transfer_inbox
WHERE origin_instance = $1 AND origin_ticket_number = $2 AND sequence = $3)sql";

std::optional<InboxEntry> PgMessageStore::InboxOf(Transaction& tx, const std::string& origin,
                                                  const std::string& number,
                                                  int64_t sequence) const {
  pg::Prepared(pg::Work(tx), kLockStream, origin, number);
  const pqxx::result r = pg::Prepared(pg::Work(tx), kInboxOf, origin, number, sequence);
  if (r.empty()) return std::nullopt;
  InboxEntry entry;
  entry.state = static_cast<InboxEntry::State>(r[0][0].as<int>());
  entry.local_ticket_number = r[0][1].c_str();
  if (!r[0][2].is_null()) {
    absl::StatusOr<v1::PeerEnvelope> envelope = OpenEnvelope(
        cipher_, BytesOf(r[0][2]), r[0][3].as<bool>(), InboxContext(origin, number, sequence));
    if (envelope.ok()) {
      entry.envelope = *std::move(envelope);
    } else {
      entry.readable = envelope.status();
    }
  }
  return entry;
}

constexpr char kLastApplied[] = R"sql(
SELECT coalesce(max(sequence), 0) FROM transfer_inbox
WHERE origin_instance = $1 AND origin_ticket_number = $2 AND state = 1)sql";

int64_t PgMessageStore::LastApplied(Transaction& tx, const std::string& origin,
                                    const std::string& number) const {
  return pg::Prepared1(pg::Work(tx), kLastApplied, origin, number)[0].as<int64_t>();
}

// A held row becomes applied in place; its envelope is no longer needed.
constexpr char kRecordApplied[] = R"sql(
INSERT INTO transfer_inbox (origin_instance, origin_ticket_number, sequence, state,
  local_ticket_number, received_at, applied_at)
VALUES ($1, $2, $3, 1, $4, 'epoch'::timestamptz + $5::bigint * interval '1 microsecond',
  'epoch'::timestamptz + $5::bigint * interval '1 microsecond')
ON CONFLICT (origin_instance, origin_ticket_number, sequence) DO UPDATE
SET state = 1, envelope = NULL, envelope_key = NULL, local_ticket_number = excluded.local_ticket_number,
  applied_at = excluded.applied_at)sql";

void PgMessageStore::RecordApplied(Transaction& tx, const v1::PeerEnvelope& e,
                                   const std::string& local_ticket_number, absl::Time at) const {
  pg::Prepared(pg::Work(tx), kRecordApplied, e.origin_instance(), e.origin_ticket_number(),
               e.sequence(), local_ticket_number, Micros(at));
}

constexpr char kRecordHeld[] = R"sql(
INSERT INTO transfer_inbox (origin_instance, origin_ticket_number, sequence, state, envelope,
  envelope_key, received_at)
VALUES ($1, $2, $3, 2, decode($4, 'base64'), $5,
  'epoch'::timestamptz + $6::bigint * interval '1 microsecond')
ON CONFLICT DO NOTHING)sql";

void PgMessageStore::RecordHeld(Transaction& tx, const v1::PeerEnvelope& e, absl::Time at) const {
  const SealedEnvelope sealed = SealEnvelope(
      cipher_, e, InboxContext(e.origin_instance(), e.origin_ticket_number(), e.sequence()));
  pg::Prepared(pg::Work(tx), kRecordHeld, e.origin_instance(), e.origin_ticket_number(),
               e.sequence(), Base64Of(sealed.bytes), sealed.key_id, Micros(at));
}

constexpr char kParkHeld[] = R"sql(
UPDATE transfer_inbox SET state = 3
WHERE state = 2 AND received_at < 'epoch'::timestamptz + $1::bigint * interval '1 microsecond')sql";

int PgMessageStore::ParkHeld(Transaction& tx, absl::Time cutoff) const {
  return static_cast<int>(pg::Prepared(pg::Work(tx), kParkHeld, Micros(cutoff)).affected_rows());
}

constexpr char kDisclosure[] = R"sql(
INSERT INTO transfer_disclosures (ticket_id, peer, direction) VALUES ($1, $2, $3))sql";

void PgMessageStore::RecordDisclosure(Transaction& tx, int64_t ticket_id, const std::string& peer,
                                      bool sent) const {
  pg::Prepared(pg::Work(tx), kDisclosure, ticket_id, peer, sent ? "sent" : "received");
}

}  // namespace hotline::transfer
