#include "services/provincial-transfer/store/pg_minor_report_store.h"

#include <pqxx/result>
#include <pqxx/row>

#include "absl/strings/escaping.h"
#include "libs/pg/pg_transaction.h"
#include "libs/pg/prepared.h"

namespace hotline::transfer {
namespace {

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }

std::string BytesOf(const pqxx::field& base64) {
  std::string bytes;
  absl::Base64Unescape(base64.c_str(), &bytes);
  return bytes;
}

}  // namespace

constexpr char kHasPush[] = "SELECT count(*) FROM transfer_minor_pushes WHERE month = $1";

bool PgMinorReportStore::HasPush(Transaction& tx, const std::string& month) const {
  return pg::Prepared1(pg::Work(tx), kHasPush, month)[0].as<int64_t>() > 0;
}

constexpr char kQueuePush[] = R"sql(
INSERT INTO transfer_minor_pushes (month, content_digest, figures, next_attempt_at, created_at)
VALUES ($1, $2, decode($3, 'base64'), 'epoch'::timestamptz + $4::bigint * interval '1 microsecond',
  'epoch'::timestamptz + $4::bigint * interval '1 microsecond')
ON CONFLICT (month, content_digest) DO NOTHING)sql";

bool PgMinorReportStore::QueuePush(Transaction& tx, const MinorPush& push, absl::Time now) const {
  return pg::Prepared(pg::Work(tx), kQueuePush, push.month, push.content_digest,
                      absl::Base64Escape(push.figures), Micros(now))
             .affected_rows() == 1;
}

// The oldest pending push of each month, due or not; only the due ones are taken, so a month's
// later revision never overtakes an earlier one that is backing off.
constexpr char kDuePushes[] = R"sql(
SELECT p.id, p.month, p.content_digest, encode(p.figures, 'base64'), p.attempts
FROM transfer_minor_pushes p
WHERE p.state = 'pending'
  AND p.next_attempt_at <= 'epoch'::timestamptz + $1::bigint * interval '1 microsecond'
  AND NOT EXISTS (SELECT 1 FROM transfer_minor_pushes e
                  WHERE e.month = p.month AND e.state = 'pending' AND e.id < p.id)
ORDER BY p.id
LIMIT $2
FOR UPDATE OF p SKIP LOCKED)sql";

std::vector<MinorPush> PgMinorReportStore::DuePushes(Transaction& tx, absl::Time now,
                                                     int limit) const {
  std::vector<MinorPush> pushes;
  for (const pqxx::row& r : pg::Prepared(pg::Work(tx), kDuePushes, Micros(now), limit)) {
    pushes.push_back(
        {r[0].as<int64_t>(), r[1].c_str(), r[2].c_str(), BytesOf(r[3]), r[4].as<int>()});
  }
  return pushes;
}

constexpr char kMarkPushed[] = R"sql(
UPDATE transfer_minor_pushes SET state = 'delivered', attempts = attempts + 1, revision = $2,
  last_error = '', delivered_at = 'epoch'::timestamptz + $3::bigint * interval '1 microsecond'
WHERE id = $1)sql";

void PgMinorReportStore::MarkPushed(Transaction& tx, int64_t id, int revision,
                                    absl::Time at) const {
  pg::Prepared(pg::Work(tx), kMarkPushed, id, revision, Micros(at));
}

constexpr char kMarkPushRetry[] = R"sql(
UPDATE transfer_minor_pushes SET attempts = attempts + 1, last_error = $3,
  next_attempt_at = 'epoch'::timestamptz + $2::bigint * interval '1 microsecond'
WHERE id = $1)sql";

void PgMinorReportStore::MarkPushRetry(Transaction& tx, int64_t id, absl::Time next_attempt,
                                       const std::string& error) const {
  pg::Prepared(pg::Work(tx), kMarkPushRetry, id, Micros(next_attempt), error);
}

constexpr char kMarkPushDead[] = R"sql(
UPDATE transfer_minor_pushes SET state = 'dead', attempts = attempts + 1, last_error = $2
WHERE id = $1)sql";

void PgMinorReportStore::MarkPushDead(Transaction& tx, int64_t id, const std::string& error) const {
  pg::Prepared(pg::Work(tx), kMarkPushDead, id, error);
}

// Two pushes of one prefecture's month take their turns, so revisions never collide.
constexpr char kLockMonth[] =
    "SELECT pg_advisory_xact_lock(hashtext('transfer_minor_reports'), hashtext($1 || '/' || $2))";
constexpr char kRevisionOf[] = R"sql(
SELECT revision FROM transfer_minor_reports
WHERE prefecture_code = $1 AND month = $2 AND content_digest = $3)sql";
constexpr char kStoreRevision[] = R"sql(
INSERT INTO transfer_minor_reports (prefecture_code, month, revision, content_digest, figures,
  received_at)
SELECT $1, $2, coalesce(max(revision), 0) + 1, $3, decode($4, 'base64'),
  'epoch'::timestamptz + $5::bigint * interval '1 microsecond'
FROM transfer_minor_reports WHERE prefecture_code = $1 AND month = $2
RETURNING revision)sql";

StoredRevision PgMinorReportStore::StoreRevision(Transaction& tx,
                                                 const MinorRevision& revision) const {
  pqxx::work& work = pg::Work(tx);
  pg::Prepared(work, kLockMonth, revision.prefecture_code, revision.month);
  const pqxx::result known = pg::Prepared(work, kRevisionOf, revision.prefecture_code,
                                          revision.month, revision.content_digest);
  if (!known.empty()) return {known[0][0].as<int>(), true};
  return {pg::Prepared1(work, kStoreRevision, revision.prefecture_code, revision.month,
                        revision.content_digest, absl::Base64Escape(revision.figures),
                        Micros(revision.received_at))[0]
              .as<int>(),
          false};
}

constexpr char kCurrentRevisions[] = R"sql(
SELECT DISTINCT ON (prefecture_code) prefecture_code, month, revision, content_digest,
  encode(figures, 'base64'), floor(extract(epoch FROM received_at) * 1000000)::bigint
FROM transfer_minor_reports WHERE month = $1
ORDER BY prefecture_code, revision DESC)sql";

std::vector<MinorRevision> PgMinorReportStore::CurrentRevisions(Transaction& tx,
                                                                const std::string& month) const {
  std::vector<MinorRevision> revisions;
  for (const pqxx::row& r : pg::Prepared(pg::Work(tx), kCurrentRevisions, month)) {
    revisions.push_back({r[0].c_str(), r[1].c_str(), r[2].as<int>(), r[3].c_str(), BytesOf(r[4]),
                         absl::FromUnixMicros(r[5].as<int64_t>())});
  }
  return revisions;
}

}  // namespace hotline::transfer
