#include "services/intake/submit_ticket.h"

#include <pqxx/binarystring>
#include <pqxx/result>

#include "libs/domain/region_code.h"
#include "libs/domain/ticket_lifecycle.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/transact.h"
#include "services/intake/request_validation.h"
#include "services/intake/scope_rules.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;
using domain::TicketAction;
using ticketstore::CreationStep;

namespace {

// Claimed last, with the answer: a concurrent request with the same key waits here for the first
// one's commit, finds the key taken, rolls back its own work and returns the first answer.
constexpr char kClaimKey[] = R"sql(
INSERT INTO intake_requests (idempotency_key, fingerprint, ticket_id, response)
VALUES ($1, $2, $3, $4)
ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key)sql";
constexpr char kSelectKey[] =
    "SELECT fingerprint, response FROM intake_requests WHERE idempotency_key = $1";
constexpr char kInsertReferrals[] = R"sql(
INSERT INTO intake_emergency_referrals (ticket_id, line, referred_at)
SELECT $1, unnest($2::smallint[]), 'epoch'::timestamptz + $3 * interval '1 microsecond')sql";

constexpr char kAnsweredReason[] = "scope.answered.knowledge_base";

bool MaySubmit(common::Role role) {
  return role == common::ROLE_FRONTEND || role == common::ROLE_SUPERVISOR ||
         role == common::ROLE_PROVINCE;
}

TicketAction ActionFor(v1::ScopeDecision decision) {
  switch (decision) {
    case v1::SCOPE_DECISION_NOT_ACCEPTED:
      return TicketAction::kReject;
    case v1::SCOPE_DECISION_EMERGENCY_REFERRAL:
      return TicketAction::kReferEmergency;
    case v1::SCOPE_DECISION_ANSWERED:
      return TicketAction::kAnswerDirectly;
    default:
      return TicketAction::kAccept;
  }
}

// The ticket as intake records it, from a validated request.
common::Ticket Draft(const v1::SubmitTicketRequest& request, const v1::Category& category,
                     const ScopeOutcome& outcome) {
  common::Ticket t;
  t.set_channel(request.channel());
  t.set_source_line(request.source_line());
  t.set_kind(request.kind());
  // A child-protection emergency is always 特急.
  t.set_urgency(category.child_protection_emergency() ? common::URGENCY_EXTRA_URGENT
                                                      : request.urgency());
  t.set_category(request.category());
  t.mutable_region()->set_code(domain::RegionCode::Parse(request.region_code())->code());
  t.set_address(request.address());
  *t.mutable_caller() = request.caller();
  t.mutable_caller()->set_phone(CanonicalPhone(request.caller().phone()));
  t.set_content(request.content());
  *t.mutable_attachments() = request.attachments();
  t.mutable_flags()->set_involves_minor(request.involves_minor() || category.minor_protection());
  t.mutable_flags()->set_emergency(outcome.decision == v1::SCOPE_DECISION_EMERGENCY_REFERRAL);
  t.set_idempotency_key(request.idempotency_key());
  return t;
}

}  // namespace

absl::StatusOr<std::optional<v1::KnowledgeArticle>> SubmitTicket::Answer(
    pqxx::transaction_base& tx, const v1::SubmitTicketRequest& request) const {
  const KnowledgeQuery scope{request.content(),
                             domain::RegionCode::Parse(request.region_code())->code(),
                             request.category(), 1};
  if (!request.answered_with_article().empty()) {
    auto article = knowledge_.Applicable(tx, request.answered_with_article(), scope);
    if (!article) {
      return InvalidFields(
          {{"answered_with_article", "is not a current article for this place and category"}});
    }
    return article;
  }
  if (!options_.answer_consultations) return std::nullopt;
  std::vector<v1::KnowledgeHit> hits = knowledge_.Search(tx, scope);
  if (hits.empty() || QuestionCoverage(hits[0].article(), request.content()) <
                          options_.answer_min_question_coverage) {
    return std::nullopt;
  }
  return std::move(*hits[0].mutable_article());
}

absl::StatusOr<v1::SubmitTicketResponse> SubmitTicket::Run(const service::Principal& caller,
                                                           const v1::SubmitTicketRequest& request) {
  if (!MaySubmit(caller.role)) {
    return absl::PermissionDeniedError("this credential's role may not submit tickets");
  }
  auto catalogue = catalogue_.Current();
  if (!catalogue.ok()) return catalogue.status();
  std::vector<FieldViolation> violations = ValidateSubmit(request);
  auto category = (*catalogue)->categories.find(request.category());
  const bool known_category =
      category != (*catalogue)->categories.end() && category->second.active();
  if (!known_category && !request.category().empty()) {
    violations.push_back({"category", "is not an active category of the catalogue"});
  }
  if (!request.answered_with_article().empty() &&
      request.kind() != common::TICKET_KIND_CONSULTATION) {
    violations.push_back({"answered_with_article", "only consultations are answered this way"});
  }
  if (!violations.empty()) return InvalidFields(std::move(violations));

  const ScopeOutcome scope = DecideScope(
      (*catalogue)->rules,
      {request.category(), request.kind(), request.content(),
       request.involves_minor() || category->second.minor_protection(), request.emergency()});
  std::string fingerprint;
  request.SerializeToString(&fingerprint);  // deterministic for one message layout
  fingerprint = service::Sha256Hex(fingerprint);

  const common::Actor actor = caller.ToActor();
  bool key_taken = false;
  absl::StatusOr<v1::SubmitTicketResponse> submitted = pg::TransactFor<v1::SubmitTicketResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::SubmitTicketResponse> {
        v1::SubmitTicketResponse response;
        ScopeOutcome outcome = scope;  // per attempt: the transaction may run again
        if (outcome.decision == v1::SCOPE_DECISION_ACCEPTED &&
            request.kind() == common::TICKET_KIND_CONSULTATION) {
          absl::StatusOr<std::optional<v1::KnowledgeArticle>> answer = Answer(tx, request);
          if (!answer.ok()) return answer.status();
          if (*answer) {
            outcome.decision = v1::SCOPE_DECISION_ANSWERED;
            outcome.reason_code = kAnsweredReason;
            outcome.reason = (*answer)->title();
            *response.mutable_answer() = **answer;
          }
        }
        const common::Ticket draft = Draft(request, category->second, outcome);
        std::optional<DuplicateMatch> match;
        if (outcome.decision != v1::SCOPE_DECISION_NOT_ACCEPTED) {
          match = FindDuplicate(tx, draft, options_.duplicates);
        }

        // The decision and what goes with it, written with the ticket in one go.
        std::vector<CreationStep> steps = {
            {ActionFor(outcome.decision), {outcome.reason_code, ""}, "", nullptr}};
        v1::EmergencyReferred referred;
        v1::AnsweredFromKnowledge answered;
        v1::PossibleDuplicate flagged;
        if (outcome.decision == v1::SCOPE_DECISION_EMERGENCY_REFERRAL) {
          for (v1::EmergencyLine line : outcome.referral_lines) {
            referred.add_lines(line);
            response.add_referred_to(line);
          }
          referred.set_child_protection_emergency(category->second.child_protection_emergency());
          referred.set_category(draft.category());
          referred.set_region_code(draft.region().code());
          steps.push_back({std::nullopt, {}, "intake.emergency_referred", &referred});
        } else if (outcome.decision == v1::SCOPE_DECISION_ANSWERED) {
          answered.set_article_key(response.answer().key());
          answered.set_article_version(response.answer().version());
          steps.push_back({std::nullopt, {}, "intake.answered", &answered});
        }
        if (match) {
          flagged.set_earlier_ticket_number(match->earlier_ticket_number);
          flagged.set_basis(match->basis);
          flagged.set_similarity(match->similarity);
          steps.push_back({std::nullopt, {}, "intake.possible_duplicate", &flagged});
          response.set_possible_duplicate_of(match->earlier_ticket_number);
        }
        auto ticket = tickets_.Create(tx, draft, actor, steps);
        if (!ticket.ok()) return ticket.status();

        const absl::Time now = clock_.Now();
        if (referred.lines_size() > 0) {
          std::vector<int64_t> lines(referred.lines().begin(), referred.lines().end());
          tx.exec_params(kInsertReferrals, ticket->id(), pg::IntArrayLiteral(lines),
                         absl::ToUnixMicros(now));
        }
        if (match) LinkDuplicate(tx, ticket->id(), *match, now);

        response.set_ticket_number(ticket->number());
        response.set_state(ticket->state());
        response.set_decision(outcome.decision);
        response.set_reason_code(outcome.reason_code);
        response.set_reason(outcome.reason);
        response.set_urgency(ticket->urgency());
        if (tx.exec_params(kClaimKey, request.idempotency_key(), fingerprint, ticket->id(),
                           pqxx::binarystring(response.SerializeAsString()))
                .empty()) {
          key_taken = true;
          return absl::AlreadyExistsError("idempotency key taken");  // rolls this attempt back
        }
        return response;
      });
  if (!key_taken) return submitted;
  return Replay(request.idempotency_key(), fingerprint);
}

absl::StatusOr<v1::SubmitTicketResponse> SubmitTicket::Replay(const std::string& key,
                                                              const std::string& fingerprint) {
  return pg::TransactFor<v1::SubmitTicketResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::SubmitTicketResponse> {
        const pqxx::row row = tx.exec_params1(kSelectKey, key);
        if (row[0].as<std::string>() != fingerprint) {
          return absl::AlreadyExistsError(
              "idempotency_key was already used for a different request");
        }
        v1::SubmitTicketResponse original;
        original.ParseFromString(pqxx::binarystring(row[1]).str());
        return original;
      });
}

}  // namespace hotline::intake
