#include "services/intake/submit_ticket.h"

#include <pqxx/binarystring>
#include <pqxx/result>

#include "libs/domain/region_code.h"
#include "libs/domain/ticket_lifecycle.h"
#include "libs/pg/transact.h"
#include "services/intake/request_validation.h"
#include "services/intake/scope_rules.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;
using domain::TicketAction;

namespace {

constexpr char kClaimKey[] = R"sql(
INSERT INTO intake_requests (idempotency_key, fingerprint) VALUES ($1, $2)
ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key)sql";
constexpr char kSelectKey[] =
    "SELECT fingerprint, response FROM intake_requests WHERE idempotency_key = $1";
constexpr char kStoreResponse[] =
    "UPDATE intake_requests SET ticket_id = $2, response = $3 WHERE idempotency_key = $1";
constexpr char kInsertReferral[] = R"sql(
INSERT INTO intake_emergency_referrals (ticket_id, line, referred_at)
VALUES ($1, $2, 'epoch'::timestamptz + $3 * interval '1 microsecond'))sql";

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
  return pg::TransactFor<v1::SubmitTicketResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::SubmitTicketResponse> {
        // Idempotency: the first request with a key claims it; later ones wait for its commit.
        if (tx.exec_params(kClaimKey, request.idempotency_key(), fingerprint).empty()) {
          const pqxx::row row = tx.exec_params1(kSelectKey, request.idempotency_key());
          if (row[0].as<std::string>() != fingerprint || row[1].is_null()) {
            return absl::AlreadyExistsError(
                "idempotency_key was already used for a different request");
          }
          v1::SubmitTicketResponse original;
          original.ParseFromString(pqxx::binarystring(row[1]).str());
          return original;
        }

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

        auto ticket = tickets_.Create(tx, Draft(request, category->second, outcome), actor);
        if (!ticket.ok()) return ticket.status();
        ticket = tickets_.Apply(tx, ticket->id(), ticket->version(), ActionFor(outcome.decision),
                                actor, {outcome.reason_code, ""});
        if (!ticket.ok()) return ticket.status();

        const absl::Time now = clock_.Now();
        if (outcome.decision == v1::SCOPE_DECISION_EMERGENCY_REFERRAL) {
          v1::EmergencyReferred referred;
          for (v1::EmergencyLine line : outcome.referral_lines) {
            tx.exec_params(kInsertReferral, ticket->id(), static_cast<int>(line),
                           absl::ToUnixMicros(now));
            referred.add_lines(line);
            response.add_referred_to(line);
          }
          referred.set_child_protection_emergency(category->second.child_protection_emergency());
          referred.set_category(ticket->category());
          referred.set_region_code(ticket->region().code());
          ticket = tickets_.Record(tx, ticket->id(), ticket->version(), "intake.emergency_referred",
                                   referred, actor);
        } else if (outcome.decision == v1::SCOPE_DECISION_ANSWERED) {
          v1::AnsweredFromKnowledge answered;
          answered.set_article_key(response.answer().key());
          answered.set_article_version(response.answer().version());
          ticket = tickets_.Record(tx, ticket->id(), ticket->version(), "intake.answered", answered,
                                   actor);
        }
        if (!ticket.ok()) return ticket.status();

        if (outcome.decision != v1::SCOPE_DECISION_NOT_ACCEPTED) {
          if (auto match = FindDuplicate(tx, *ticket, options_.duplicates)) {
            LinkDuplicate(tx, ticket->id(), *match, now);
            v1::PossibleDuplicate flagged;
            flagged.set_earlier_ticket_number(match->earlier_ticket_number);
            flagged.set_basis(match->basis);
            flagged.set_similarity(match->similarity);
            ticket = tickets_.Record(tx, ticket->id(), ticket->version(),
                                     "intake.possible_duplicate", flagged, actor);
            if (!ticket.ok()) return ticket.status();
            response.set_possible_duplicate_of(match->earlier_ticket_number);
          }
        }

        response.set_ticket_number(ticket->number());
        response.set_state(ticket->state());
        response.set_decision(outcome.decision);
        response.set_reason_code(outcome.reason_code);
        response.set_reason(outcome.reason);
        response.set_urgency(ticket->urgency());
        tx.exec_params(kStoreResponse, request.idempotency_key(), ticket->id(),
                       pqxx::binarystring(response.SerializeAsString()));
        return response;
      });
}

}  // namespace hotline::intake
