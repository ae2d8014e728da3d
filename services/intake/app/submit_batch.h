#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "services/intake/app/identity_stock.h"
#include "services/intake/app/knowledge_base.h"
#include "services/intake/app/recent_tickets.h"
#include "services/intake/rules/duplicate_candidates.h"
#include "services/intake/rules/scope_rules.h"
#include "services/intake/rules/submission.h"
#include "services/intake/store/knowledge_store.h"
#include "services/intake/store/submission_store.h"

namespace hotline::intake {

// Whether a caller's phone is on the hotline office's list of malicious callers
// (app/caller_flags.h).
class FlaggedCallerCheck {
 public:
  virtual ~FlaggedCallerCheck() = default;
  virtual bool IsFlagged(const std::string& canonical_phone) const = 0;
};

struct SubmitOptions {
  // Consultations are answered on the spot when the agent says which article answered them, or
  // automatically when the best article's own question is this much contained in the caller's
  // words (rules/knowledge_article.h QuestionCoverage; measured on the recall set, 0.4 answers
  // only right articles).
  bool answer_consultations = true;
  double answer_min_question_coverage = 0.4;
  // How the knowledge base is searched for the answer (as KnowledgeBase searches).
  KnowledgeSearchSettings knowledge_search;
  DuplicatePolicy duplicates;
  // Batches starting closer together than this mean a writer is busy and draws identities ahead.
  absl::Duration busy_gap = absl::Milliseconds(50);
  // A flagged caller's accepted ticket waits for the office's review (nullable: none is held).
  const FlaggedCallerCheck* flagged_callers = nullptr;
};

// A validated submission, decided as far as it can be without the database, waiting to be written.
struct Submission {
  SubmitCommand command;
  hotline::common::v1::Actor actor;
  // The idempotency key as stored: the front-end credential's own (ScopedIdempotencyKey), so two
  // front-ends that pick the same key never collide.
  std::string key;
  hotline::intake::v1::Category category;
  ScopeOutcome scope;
  std::string region;  // canonical division code

  // Set by WriteSubmissions / ReplaySubmissions.
  absl::StatusOr<SubmitResult> result = absl::UnknownError("not written");
  bool replay = false;  // its key was already taken: answer from the stored response
};

struct SubmitContext {
  const SubmissionStore& store;
  const KnowledgeStore& knowledge;
  // Earlier tickets for duplicate detection; every ticket written is added (a rolled-back one
  // too: matches are confirmed in the database).
  RecentTickets& recent;
  const Clock& clock;
  const SubmitOptions& options;
};

// One writer's part in writing a batch.
struct WriterTurn {
  IdentityStock& stock;        // the writer's
  bool look_up_first = false;  // in: a key was taken in a race, look the keys up
  bool looked_up = false;      // out: whether the batch read before it wrote
};

// Writes a batch of submissions: the reads (answers of consultations, then BatchLookup), then one
// statement inserting everything (tickets, events, referrals, duplicate links, keys with their
// answers), which is atomic by itself. The look-up round trip is skipped when no duplicate
// candidate needs confirming and `turn.stock` holds the identities: a key stored already then
// fails the insert, as a race would. Runs in an AutocommitRunner body, the write's commit being
// its own (it may run again: it resets what it sets). Sets each submission's result, or marks it
// `replay` when another request stored its key. On an error nothing was written (but for a
// connection lost during the write: writing again finds the keys stored if it was);
// IsIdempotencyRace(error) means write the batch again with `look_up_first`.
absl::Status WriteSubmissions(Transaction& tx, const std::vector<Submission*>& batch,
                              const SubmitContext& context, WriterTurn& turn);

// After the commit: answers the `replay` submissions from the stored responses.
void ReplaySubmissions(Transaction& tx, const SubmissionStore& store,
                       const std::vector<Submission*>& batch);

}  // namespace hotline::intake
