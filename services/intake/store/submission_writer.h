#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/pg/statement_batch.h"
#include "libs/ticketstore/pg_ticket_store.h"
#include "services/intake/rules/duplicate_candidates.h"
#include "services/intake/rules/submission.h"

namespace hotline::intake {

// What a batch of submissions reads before it writes, in one statement: the keys stored already,
// which duplicate candidates may still be repeated, and an id and number for each key not stored.
struct BatchLookup {
  absl::flat_hash_set<std::string> taken_keys;
  absl::flat_hash_set<int64_t> repeatable;            // of the candidate ids
  ticketstore::PgTicketStore::Identities identities;  // in ascending numbers
};

// An idempotency key with its request's fingerprint, ticket and answer.
struct AnswerRow {
  std::string key;
  std::string fingerprint;
  int64_t ticket_id = 0;
  const SubmitResult* result;  // the caller's, until the rows are added
};

// Intake's own rows of a batch, written with its tickets.
struct IntakeRows {
  std::vector<int64_t> referral_tickets, referral_lines;  // emergency referrals, pairwise
  std::vector<std::pair<int64_t, DuplicateMatch>> links;  // tickets flagged as possible duplicates
  std::vector<AnswerRow> answers;
};

// A request stored under an idempotency key.
struct StoredAnswer {
  std::string fingerprint;
  std::optional<SubmitResult> result;  // nullopt: unreadable
};

// The SQL of the group-commit submission path (app/submit_batch.h), PostgreSQL by nature: one
// statement per table per batch, added to the batch's StatementBatch so that the tickets
// (PgTicketStore's StatementBatch overloads) and intake's rows go in one round trip.
class PgSubmissionWriter {
 public:
  explicit PgSubmissionWriter(const ticketstore::PgTicketStore& tickets) : tickets_(tickets) {}

  // `keys` are distinct; `candidates` are ticket ids (DuplicateCandidates::ids); tickets drawn are
  // created at `now`. Writes nothing but sequence draws, which no rollback would return anyway, so
  // it needs no transaction around it.
  BatchLookup LookUp(pqxx::transaction_base& tx, const std::vector<std::string>& keys,
                     const std::vector<int64_t>& candidates, absl::Time now) const;

  // Adds the statements writing `rows` at `now`.
  void AddIntakeRows(pg::StatementBatch& writes, const IntakeRows& rows, absl::Time now) const;
  // Adds, as the batch's last statement, the drawing of `count` identities on service `day`.
  void AddIdentityDraw(pg::StatementBatch& writes, const std::string& day, int count) const;
  // Runs the batch: ABORTED kIdempotencyRace when a key was stored by a concurrent request (the
  // whole statement is undone); otherwise the identities drawn (none when none were added).
  absl::StatusOr<std::vector<ticketstore::PgTicketStore::Identity>> Run(pg::StatementBatch& writes,
                                                                        bool drew,
                                                                        absl::Time now) const;

  // The answers stored under `keys`, by key.
  absl::flat_hash_map<std::string, StoredAnswer> StoredAnswers(
      pqxx::transaction_base& tx, const std::vector<std::string>& keys) const;

 private:
  const ticketstore::PgTicketStore& tickets_;
};

// A concurrent request stored one of the batch's keys while it was being written.
bool IsIdempotencyRace(const absl::Status& status);

}  // namespace hotline::intake
