#pragma once

#include <optional>

#include "absl/status/statusor.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/common/clock.h"
#include "libs/pg/pg_pool.h"
#include "libs/service/token_auth.h"
#include "libs/ticketstore/ticket_store.h"
#include "services/intake/catalogue.h"
#include "services/intake/duplicates.h"
#include "services/intake/knowledge_base.h"

namespace hotline::intake {

struct SubmitOptions {
  // Consultations are answered on the spot when the agent says which article answered them, or
  // automatically when the best article's own question is this much contained in the caller's
  // words (knowledge_base.h QuestionCoverage; measured on the recall set, 0.4 answers only right
  // articles).
  bool answer_consultations = true;
  double answer_min_question_coverage = 0.4;
  DuplicatePolicy duplicates;
};

// SubmitTicket: validation, idempotency, acceptance scope, emergency referral, direct answers,
// duplicate detection — and the ticket, its events and intake's own rows in one transaction.
class SubmitTicket {
 public:
  SubmitTicket(pg::PgPool& pool, const ticketstore::TicketStore& tickets, Catalogue& catalogue,
               const KnowledgeBase& knowledge, const Clock& clock, SubmitOptions options)
      : pool_(pool),
        tickets_(tickets),
        catalogue_(catalogue),
        knowledge_(knowledge),
        clock_(clock),
        options_(options) {}

  absl::StatusOr<hotline::intake::v1::SubmitTicketResponse> Run(
      const service::Principal& caller, const hotline::intake::v1::SubmitTicketRequest& request);

 private:
  // The article answering a consultation: the one the agent named, or a confident search hit.
  absl::StatusOr<std::optional<hotline::intake::v1::KnowledgeArticle>> Answer(
      pqxx::transaction_base& tx, const hotline::intake::v1::SubmitTicketRequest& request) const;

  // The answer given to the first request with `key`, if this one asks the same.
  absl::StatusOr<hotline::intake::v1::SubmitTicketResponse> Replay(const std::string& key,
                                                                   const std::string& fingerprint);

  pg::PgPool& pool_;
  const ticketstore::TicketStore& tickets_;
  Catalogue& catalogue_;
  const KnowledgeBase& knowledge_;
  const Clock& clock_;
  const SubmitOptions options_;
};

}  // namespace hotline::intake
