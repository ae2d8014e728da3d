#include "services/intake/store/submission_store.h"

#include <pqxx/binarystring>
#include <pqxx/except>
#include <pqxx/result>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"
#include "libs/pg/prepared.h"
#include "libs/pg/statement_batch.h"

namespace hotline::intake {
namespace {

constexpr char kRequestsKey[] = "intake_requests_pkey";
constexpr char kIdempotencyRace[] = "an idempotency key was taken by a concurrent request";

}  // namespace

// As many identities are drawn as keys are not taken: a replayed key draws no number. The drawn
// columns are PgTicketStore::DrawIdentityColumns("$3"); a candidate may be repeated unless the
// ticket was refused, withdrawn or merged.
constexpr char kLookUpBatch[] = R"sql(
WITH taken AS (
  SELECT idempotency_key FROM intake_requests WHERE idempotency_key = ANY($1::text[])),
drawn AS (
  SELECT hotline_next_ticket_sequence($3::date) AS sequence, nextval('tickets_id_seq') AS id
  FROM generate_series(1, cardinality($1::text[]) - (SELECT count(*)::int FROM taken)))
SELECT 1 AS part, idempotency_key AS key, NULL::bigint AS sequence, NULL::bigint AS id FROM taken
UNION ALL
SELECT 2, NULL, NULL, id FROM tickets
WHERE id = ANY($2::bigint[]) AND state NOT IN ('NOT_ACCEPTED', 'WITHDRAWN', 'MERGED')
UNION ALL
SELECT 3, NULL, sequence, id FROM drawn)sql";

BatchLookup PgSubmissionStore::LookUp(Transaction& tx, const std::vector<std::string>& keys,
                                      const std::vector<int64_t>& candidates,
                                      absl::Time now) const {
  BatchLookup lookup;
  lookup.identities.at = now;
  std::vector<std::pair<int64_t, int64_t>> drawn;  // sequence, id
  for (const auto& row : pg::Prepared(pg::Statements(tx), kLookUpBatch, pg::TextArrayLiteral(keys),
                                      pg::IntArrayLiteral(candidates), tickets_.ServiceDay(now))) {
    switch (row["part"].as<int>()) {
      case 1:
        lookup.taken_keys.insert(row["key"].as<std::string>());
        break;
      case 2:
        lookup.repeatable.insert(row["id"].as<int64_t>());
        break;
      default:
        drawn.emplace_back(row["sequence"].as<int64_t>(), row["id"].as<int64_t>());
    }
  }
  lookup.identities.drawn = tickets_.MakeIdentities(now, std::move(drawn));
  return lookup;
}

constexpr char kInsertReferrals[] = R"sql(
INSERT INTO intake_emergency_referrals (ticket_id, line, referred_at)
SELECT * , 'epoch'::timestamptz + $1 * interval '1 microsecond'
FROM unnest($2::bigint[], $3::smallint[]))sql";

constexpr char kInsertLinks[] = R"sql(
INSERT INTO intake_duplicate_links (ticket_id, earlier_ticket_id, basis, similarity, state, linked_at)
SELECT l.ticket, l.earlier, l.basis, l.similarity, 1,
  'epoch'::timestamptz + $1 * interval '1 microsecond'
FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::real[])
  AS l(ticket, earlier, basis, similarity))sql";

// Each key with its answer. A key stored already (when the look-up was skipped), or by a
// concurrent request after the look-up (this waits for that one's commit), violates the key: the
// whole statement, so the whole batch, is undone and written again (IsIdempotencyRace), when the
// look-up finds the key.
constexpr char kStoreRequests[] = R"sql(
INSERT INTO intake_requests (idempotency_key, fingerprint, ticket_id, response)
SELECT a.key, a.fingerprint, a.ticket, decode(a.response, 'hex')
FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[])
  AS a(key, fingerprint, ticket, response))sql";

// A batch's statements, run as one when committed.
class PgSubmissionWrite final : public SubmissionWrite {
 public:
  PgSubmissionWrite(Transaction& tx, const ticketstore::PgTicketStore& tickets)
      : tickets_(tickets), writes_(pg::Statements(tx)) {}

  absl::StatusOr<std::vector<hotline::common::v1::Ticket>> AddTickets(
      const ticketstore::TicketIdentities& identities,
      const std::vector<ticketstore::NewTicket>& tickets) override {
    return tickets_.CreateMany(identities, tickets, writes_);
  }
  void AddIntakeRows(const IntakeRows& rows, absl::Time now) override;
  void AddIdentityDraw(const std::string& day, int count) override;
  absl::StatusOr<std::vector<ticketstore::TicketIdentity>> Commit(absl::Time now) override;

 private:
  const ticketstore::PgTicketStore& tickets_;
  pg::StatementBatch writes_;
  bool drew_ = false;
};

void PgSubmissionWrite::AddIntakeRows(const IntakeRows& rows, absl::Time now) {
  if (!rows.referral_tickets.empty()) {
    writes_.Add(kInsertReferrals, absl::ToUnixMicros(now),
                pg::IntArrayLiteral(rows.referral_tickets),
                pg::IntArrayLiteral(rows.referral_lines));
  }
  if (!rows.links.empty()) {
    std::vector<int64_t> tickets, earlier;
    std::vector<std::string> bases, similarities;
    for (const auto& [ticket, match] : rows.links) {
      tickets.push_back(ticket);
      earlier.push_back(match.earlier_ticket_id);
      bases.push_back(match.basis);
      similarities.push_back(std::to_string(match.similarity));
    }
    writes_.Add(kInsertLinks, absl::ToUnixMicros(now), pg::IntArrayLiteral(tickets),
                pg::IntArrayLiteral(earlier), pg::TextArrayLiteral(bases),
                pg::TextArrayLiteral(similarities));
  }
  std::vector<std::string> keys, prints, answers;
  std::vector<int64_t> tickets;
  for (const AnswerRow& row : rows.answers) {
    keys.push_back(row.key);
    prints.push_back(row.fingerprint);
    tickets.push_back(row.ticket_id);
    answers.push_back(absl::BytesToHexString(ResponseOf(*row.result).SerializeAsString()));
  }
  writes_.Add(kStoreRequests, pg::TextArrayLiteral(keys), pg::TextArrayLiteral(prints),
              pg::IntArrayLiteral(tickets), pg::TextArrayLiteral(answers));
}

void PgSubmissionWrite::AddIdentityDraw(const std::string& day, int count) {
  drew_ = true;
  writes_.Add(ticketstore::PgTicketStore::DrawIdentitiesSql(), day, count);
}

absl::StatusOr<std::vector<ticketstore::TicketIdentity>> PgSubmissionWrite::Commit(absl::Time now) {
  pqxx::result drawn;
  try {
    drawn = writes_.Run();
  } catch (const pqxx::unique_violation& e) {
    if (absl::StrContains(e.what(), kRequestsKey)) return IdempotencyRace();
    throw;
  }
  std::vector<std::pair<int64_t, int64_t>> ahead;  // sequence, id
  if (drew_) {
    for (const auto& row : drawn) {
      ahead.emplace_back(row["sequence"].as<int64_t>(), row["id"].as<int64_t>());
    }
  }
  return tickets_.MakeIdentities(now, std::move(ahead));
}

std::unique_ptr<SubmissionWrite> PgSubmissionStore::StartWrite(Transaction& tx) const {
  return std::make_unique<PgSubmissionWrite>(tx, tickets_);
}

constexpr char kSelectAnswers[] = R"sql(
SELECT idempotency_key, fingerprint, response FROM intake_requests
WHERE idempotency_key = ANY($1::text[]))sql";

absl::flat_hash_map<std::string, StoredAnswer> PgSubmissionStore::StoredAnswers(
    Transaction& tx, const std::vector<std::string>& keys) const {
  absl::flat_hash_map<std::string, StoredAnswer> stored;
  for (const auto& row :
       pg::Prepared(pg::Statements(tx), kSelectAnswers, pg::TextArrayLiteral(keys))) {
    StoredAnswer& answer = stored[row[0].as<std::string>()];
    answer.fingerprint = row[1].as<std::string>();
    hotline::intake::v1::SubmitTicketResponse response;
    if (response.ParseFromString(row[2].is_null() ? "" : pqxx::binarystring(row[2]).str())) {
      answer.result = ResultOf(response);
    }
  }
  return stored;
}

absl::Status IdempotencyRace() { return absl::AbortedError(kIdempotencyRace); }

bool IsIdempotencyRace(const absl::Status& status) {
  return absl::IsAborted(status) && status.message() == kIdempotencyRace;
}

}  // namespace hotline::intake
