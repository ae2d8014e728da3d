#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/common/transaction.h"
#include "libs/ticketstore/pg_ticket_store.h"
#include "services/intake/rules/duplicate_candidates.h"
#include "services/intake/rules/submission.h"

namespace hotline::intake {

// What a batch of submissions reads before it writes, in one statement: the keys stored already,
// which duplicate candidates may still be repeated, and an id and number for each key not stored.
struct BatchLookup {
  absl::flat_hash_set<std::string> taken_keys;
  absl::flat_hash_set<int64_t> repeatable;   // of the candidate ids
  ticketstore::TicketIdentities identities;  // in ascending numbers
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

// One batch's write: everything added goes to the database as one statement when committed, so a
// failure writes nothing.
class SubmissionWrite {
 public:
  virtual ~SubmissionWrite() = default;
  // The tickets, with `identities` (one per ticket, in order) and their steps, as
  // TicketStore::Create would make them; returned in the order given. An illegal step:
  // FAILED_PRECONDITION.
  virtual absl::StatusOr<std::vector<hotline::common::v1::Ticket>> AddTickets(
      const ticketstore::TicketIdentities& identities,
      const std::vector<ticketstore::NewTicket>& tickets) = 0;
  // Intake's rows of those tickets at `now`.
  virtual void AddIntakeRows(const IntakeRows& rows, absl::Time now) = 0;
  // Draws `count` identities on service `day`, for the next batch.
  virtual void AddIdentityDraw(const std::string& day, int count) = 0;
  // Writes it all: IdempotencyRace() when a key was stored by a concurrent request (nothing is
  // written); otherwise the identities drawn (none when no draw was added).
  virtual absl::StatusOr<std::vector<ticketstore::TicketIdentity>> Commit(absl::Time now) = 0;
};

// The submission writers' reads and writes (app/submit_batch.h), made for autocommit: reads in
// one round trip, writes in one statement.
class SubmissionStore {
 public:
  virtual ~SubmissionStore() = default;
  // The service day of a ticket created at `at` (its number carries it).
  virtual std::string ServiceDay(absl::Time at) const = 0;
  // `keys` are distinct; `candidates` are ticket ids (DuplicateCandidates::ids); tickets drawn are
  // created at `now`. Writes nothing but sequence draws, which no rollback would return anyway.
  virtual BatchLookup LookUp(Transaction& tx, const std::vector<std::string>& keys,
                             const std::vector<int64_t>& candidates, absl::Time now) const = 0;
  virtual std::unique_ptr<SubmissionWrite> StartWrite(Transaction& tx) const = 0;
  // The answers stored under `keys`, by key.
  virtual absl::flat_hash_map<std::string, StoredAnswer> StoredAnswers(
      Transaction& tx, const std::vector<std::string>& keys) const = 0;
};

// On PostgreSQL: one statement per table per batch, the tickets' (PgTicketStore's StatementBatch
// overloads) and intake's rows in one round trip.
class PgSubmissionStore final : public SubmissionStore {
 public:
  explicit PgSubmissionStore(const ticketstore::PgTicketStore& tickets) : tickets_(tickets) {}

  std::string ServiceDay(absl::Time at) const override { return tickets_.ServiceDay(at); }
  BatchLookup LookUp(Transaction& tx, const std::vector<std::string>& keys,
                     const std::vector<int64_t>& candidates, absl::Time now) const override;
  std::unique_ptr<SubmissionWrite> StartWrite(Transaction& tx) const override;
  absl::flat_hash_map<std::string, StoredAnswer> StoredAnswers(
      Transaction& tx, const std::vector<std::string>& keys) const override;

 private:
  const ticketstore::PgTicketStore& tickets_;
};

// The error of a batch undone because a concurrent request stored one of its keys.
absl::Status IdempotencyRace();
bool IsIdempotencyRace(const absl::Status& status);

}  // namespace hotline::intake
