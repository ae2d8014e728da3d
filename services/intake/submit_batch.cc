#include "services/intake/submit_batch.h"

#include <optional>
#include <pqxx/binarystring>
#include <pqxx/except>
#include <pqxx/result>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "libs/domain/event_types.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/prepared.h"
#include "libs/pg/statement_batch.h"
#include "libs/ticketstore/ticket_row.h"
#include "services/intake/request_validation.h"
#include "services/intake/submit_lookup.h"
#include "services/intake/text_terms.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;
using domain::TicketAction;
using ticketstore::CreationStep;

namespace {

// Each key with its answer. A key stored already (when the look-up was skipped), or by a
// concurrent request after the look-up (this waits for that one's commit), violates the key: the
// whole statement, so the whole batch, is undone and written again (IsIdempotencyRace), when the
// look-up finds the key.
constexpr char kStoreRequests[] = R"sql(
INSERT INTO intake_requests (idempotency_key, fingerprint, ticket_id, response)
SELECT a.key, a.fingerprint, a.ticket, decode(a.response, 'hex')
FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[])
  AS a(key, fingerprint, ticket, response))sql";
constexpr char kRequestsKey[] = "intake_requests_pkey";
constexpr char kIdempotencyRace[] = "an idempotency key was taken by a concurrent request";
constexpr char kSelectAnswers[] = R"sql(
SELECT idempotency_key, fingerprint, response FROM intake_requests
WHERE idempotency_key = ANY($1::text[]))sql";
constexpr char kInsertReferrals[] = R"sql(
INSERT INTO intake_emergency_referrals (ticket_id, line, referred_at)
SELECT * , 'epoch'::timestamptz + $1 * interval '1 microsecond'
FROM unnest($2::bigint[], $3::smallint[]))sql";

constexpr char kAnsweredReason[] = "scope.answered.knowledge_base";

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

// The ticket as intake records it.
common::Ticket Draft(const Submission& s, const ScopeOutcome& outcome) {
  const v1::SubmitTicketRequest& r = s.request;
  common::Ticket t;
  t.set_channel(r.channel());
  t.set_source_line(r.source_line());
  t.set_kind(r.kind());
  // A child-protection emergency is always 特急.
  t.set_urgency(s.category.child_protection_emergency() ? common::URGENCY_EXTRA_URGENT
                                                        : r.urgency());
  t.set_category(r.category());
  t.mutable_region()->set_code(s.region);
  t.set_address(r.address());
  *t.mutable_caller() = r.caller();
  t.mutable_caller()->set_phone(CanonicalPhone(r.caller().phone()));
  t.set_content(r.content());
  *t.mutable_attachments() = r.attachments();
  t.mutable_flags()->set_involves_minor(r.involves_minor() || s.category.minor_protection());
  t.mutable_flags()->set_emergency(outcome.decision == v1::SCOPE_DECISION_EMERGENCY_REFERRAL);
  t.set_idempotency_key(r.idempotency_key());
  return t;
}

// The article answering a consultation: the one the agent named, or a confident search hit.
absl::StatusOr<std::optional<v1::KnowledgeArticle>> Answer(pqxx::transaction_base& tx,
                                                           const Submission& s,
                                                           const SubmitContext& c) {
  const KnowledgeQuery scope{s.request.content(), s.region, s.request.category(), 1};
  if (!s.request.answered_with_article().empty()) {
    auto article = c.knowledge.Applicable(tx, s.request.answered_with_article(), scope);
    if (!article) {
      return InvalidFields(
          {{"answered_with_article", "is not a current article for this place and category"}});
    }
    return article;
  }
  if (!c.options.answer_consultations) return std::nullopt;
  std::vector<v1::KnowledgeHit> hits = c.knowledge.Search(tx, scope);
  if (hits.empty() || QuestionCoverage(hits[0].article(), s.request.content()) <
                          c.options.answer_min_question_coverage) {
    return std::nullopt;
  }
  return std::move(*hits[0].mutable_article());
}

// What one submission becomes: its decision, its draft, the events that go with it.
struct Plan {
  Submission* submission;
  ScopeOutcome outcome;
  v1::SubmitTicketResponse response;
  common::Ticket draft;
  std::optional<DuplicateMatch> duplicate;
  v1::EmergencyReferred referred;
  v1::AnsweredFromKnowledge answered;
  v1::PossibleDuplicate flagged;
};

}  // namespace

absl::Status WriteSubmissions(pqxx::transaction_base& tx, const std::vector<Submission*>& batch,
                              const SubmitContext& c, WriterTurn& turn) {
  // Answers first (reads only): a bad answered_with_article fails its submission before anything
  // is written. Later requests repeating a key of this batch wait for the first's answer.
  std::vector<Plan> plans;
  absl::flat_hash_set<std::string> keys;
  for (Submission* s : batch) {
    s->result = absl::UnknownError("not written");
    s->replay = false;
    if (!keys.insert(s->request.idempotency_key()).second) {
      s->replay = true;
      continue;
    }
    Plan plan;
    plan.submission = s;
    plan.outcome = s->scope;
    if (plan.outcome.decision == v1::SCOPE_DECISION_ACCEPTED &&
        s->request.kind() == common::TICKET_KIND_CONSULTATION) {
      auto answer = Answer(tx, *s, c);
      if (!answer.ok()) {
        s->result = answer.status();
        continue;
      }
      if (*answer) {
        plan.outcome.decision = v1::SCOPE_DECISION_ANSWERED;
        plan.outcome.reason_code = kAnsweredReason;
        plan.outcome.reason = (*answer)->title();
        *plan.response.mutable_answer() = **answer;
      }
    }
    plans.push_back(std::move(plan));
  }

  if (plans.empty()) return absl::OkStatus();

  const absl::Time now = c.clock.Now();
  std::vector<std::string> plan_keys;
  std::vector<DuplicateProbe> all_probes;
  for (Plan& p : plans) {
    plan_keys.push_back(p.submission->request.idempotency_key());
    p.draft = Draft(*p.submission, p.outcome);
    all_probes.push_back({p.draft.caller().phone(), p.draft.region().code(), p.draft.category(),
                          TermSignature(p.draft.content())});
  }
  const DuplicateCandidates candidates =
      FindDuplicateCandidates(all_probes, c.recent, c.options.duplicates, now);
  const std::string day = c.tickets.ServiceDay(now);
  std::optional<std::vector<ticketstore::PgTicketStore::Identity>> stocked;
  if (!turn.look_up_first && candidates.ids.empty()) {
    stocked = turn.stock.Peek(day, static_cast<int>(plans.size()), now);
  }
  turn.looked_up = !stocked;
  BatchLookup lookup;
  if (stocked) {
    lookup.identities = {now, std::move(*stocked)};
  } else {
    lookup = LookUpBatch(tx, c.tickets, plan_keys, candidates.ids, now);
  }
  std::vector<std::optional<DuplicateMatch>> all_duplicates =
      ConfirmedDuplicates(candidates, lookup.repeatable);

  std::vector<Plan> todo;
  std::vector<DuplicateProbe> probes;
  std::vector<std::optional<DuplicateMatch>> duplicates;
  for (size_t i = 0; i < plans.size(); ++i) {
    if (lookup.taken_keys.contains(plan_keys[i])) {
      plans[i].submission->replay = true;
      continue;
    }
    todo.push_back(std::move(plans[i]));
    probes.push_back(std::move(all_probes[i]));
    duplicates.push_back(std::move(all_duplicates[i]));
  }
  if (todo.empty()) return absl::OkStatus();

  std::vector<ticketstore::NewTicket> new_tickets;
  for (size_t i = 0; i < todo.size(); ++i) {
    Plan& p = todo[i];
    std::vector<CreationStep> steps = {
        {ActionFor(p.outcome.decision), {p.outcome.reason_code, ""}, "", nullptr}};
    if (p.outcome.decision == v1::SCOPE_DECISION_EMERGENCY_REFERRAL) {
      for (v1::EmergencyLine line : p.outcome.referral_lines) {
        p.referred.add_lines(line);
        p.response.add_referred_to(line);
      }
      p.referred.set_child_protection_emergency(
          p.submission->category.child_protection_emergency());
      p.referred.set_category(p.draft.category());
      p.referred.set_region_code(p.draft.region().code());
      steps.push_back({std::nullopt, {}, event_type::kIntakeEmergencyReferred, &p.referred});
    } else if (p.outcome.decision == v1::SCOPE_DECISION_ANSWERED) {
      p.answered.set_article_key(p.response.answer().key());
      p.answered.set_article_version(p.response.answer().version());
      steps.push_back({std::nullopt, {}, event_type::kIntakeAnswered, &p.answered});
    }
    if (p.outcome.decision != v1::SCOPE_DECISION_NOT_ACCEPTED && duplicates[i]) {
      p.duplicate = duplicates[i];
      p.flagged.set_earlier_ticket_number(p.duplicate->earlier_ticket_number);
      p.flagged.set_basis(p.duplicate->basis);
      p.flagged.set_similarity(p.duplicate->similarity);
      steps.push_back({std::nullopt, {}, event_type::kIntakePossibleDuplicate, &p.flagged});
      p.response.set_possible_duplicate_of(p.duplicate->earlier_ticket_number);
    }
    new_tickets.push_back({p.draft, p.submission->actor, std::move(steps)});
  }
  // Every insert goes to PostgreSQL as one statement: in autocommit, one transaction.
  pg::StatementBatch writes(tx);
  absl::StatusOr<std::vector<common::Ticket>> tickets =
      c.tickets.CreateMany(lookup.identities, new_tickets, writes);
  // Steps come from intake's own decisions, so this is a bug; nothing is written.
  if (!tickets.ok()) return tickets.status();

  std::vector<int64_t> referral_tickets, referral_lines;
  std::vector<std::pair<int64_t, DuplicateMatch>> links;
  std::vector<std::string> answer_keys, answer_prints, answer_bytes;
  std::vector<int64_t> answer_tickets;
  for (size_t i = 0; i < todo.size(); ++i) {
    Plan& p = todo[i];
    const common::Ticket& t = (*tickets)[i];
    for (int line : p.referred.lines()) {
      referral_tickets.push_back(t.id());
      referral_lines.push_back(line);
    }
    if (p.duplicate) links.emplace_back(t.id(), *p.duplicate);
    if (p.outcome.decision != v1::SCOPE_DECISION_NOT_ACCEPTED) {
      DuplicateProbe& probe = probes[i];
      c.recent.Add({t.id(), t.number(), std::move(probe.phone), std::move(probe.region),
                    std::move(probe.category), ticketstore::FromTimestamp(t.created_at()),
                    std::move(probe.terms)});
    }
    p.response.set_ticket_number(t.number());
    p.response.set_state(t.state());
    p.response.set_decision(p.outcome.decision);
    p.response.set_reason_code(p.outcome.reason_code);
    p.response.set_reason(p.outcome.reason);
    p.response.set_urgency(t.urgency());
    answer_keys.push_back(p.submission->request.idempotency_key());
    answer_prints.push_back(p.submission->fingerprint);
    answer_tickets.push_back(t.id());
    answer_bytes.push_back(absl::BytesToHexString(p.response.SerializeAsString()));
  }
  if (!referral_tickets.empty()) {
    writes.Add(kInsertReferrals, absl::ToUnixMicros(now), pg::IntArrayLiteral(referral_tickets),
               pg::IntArrayLiteral(referral_lines));
  }
  LinkDuplicates(writes, links, now);
  writes.Add(kStoreRequests, pg::TextArrayLiteral(answer_keys), pg::TextArrayLiteral(answer_prints),
             pg::IntArrayLiteral(answer_tickets), pg::TextArrayLiteral(answer_bytes));
  const int used = turn.looked_up ? 0 : static_cast<int>(todo.size());
  const int wanted = turn.stock.Wanted(day, used, now);
  // The next batch's identities (IdentityStock), drawn by this write: its last statement.
  if (wanted > 0) writes.Add(ticketstore::PgTicketStore::DrawIdentitiesSql(), day, wanted);
  pqxx::result drawn;
  try {
    drawn = writes.Run();
  } catch (const pqxx::unique_violation& e) {
    if (absl::StrContains(e.what(), kRequestsKey)) return absl::AbortedError(kIdempotencyRace);
    throw;
  }
  std::vector<std::pair<int64_t, int64_t>> ahead;  // sequence, id
  if (wanted > 0) {
    for (const auto& row : drawn) {
      ahead.emplace_back(row["sequence"].as<int64_t>(), row["id"].as<int64_t>());
    }
  }
  turn.stock.Replenish(day, used, now, c.tickets.MakeIdentities(now, std::move(ahead)));
  for (Plan& p : todo) p.submission->result = std::move(p.response);
  return absl::OkStatus();
}

bool IsIdempotencyRace(const absl::Status& status) {
  return absl::IsAborted(status) && status.message() == kIdempotencyRace;
}

void ReplaySubmissions(pqxx::transaction_base& tx, const std::vector<Submission*>& batch) {
  std::vector<std::string> keys;
  for (const Submission* s : batch) {
    if (s->replay) keys.push_back(s->request.idempotency_key());
  }
  if (keys.empty()) return;
  absl::flat_hash_map<std::string, std::pair<std::string, std::string>> stored;
  for (const auto& row : pg::Prepared(tx, kSelectAnswers, pg::TextArrayLiteral(keys))) {
    stored[row[0].as<std::string>()] = {row[1].as<std::string>(),
                                        row[2].is_null() ? "" : pqxx::binarystring(row[2]).str()};
  }
  // A repeat of a key whose first request in this batch failed shares that failure.
  absl::flat_hash_map<std::string, absl::Status> failed;
  for (const Submission* s : batch) {
    if (!s->replay && !s->result.ok())
      failed.emplace(s->request.idempotency_key(), s->result.status());
  }
  for (Submission* s : batch) {
    if (!s->replay) continue;
    if (auto f = failed.find(s->request.idempotency_key()); f != failed.end()) {
      s->result = f->second;
      continue;
    }
    auto it = stored.find(s->request.idempotency_key());
    if (it == stored.end() || it->second.first != s->fingerprint) {
      s->result =
          absl::AlreadyExistsError("idempotency_key was already used for a different request");
      continue;
    }
    v1::SubmitTicketResponse original;
    if (!original.ParseFromString(it->second.second) || original.ticket_number().empty()) {
      s->result = absl::InternalError("stored answer for an idempotency key is unreadable");
      continue;
    }
    s->result = std::move(original);
  }
}

}  // namespace hotline::intake
