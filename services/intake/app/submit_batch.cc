#include "services/intake/app/submit_batch.h"

#include <optional>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"
#include "services/intake/rules/request_validation.h"
#include "services/intake/rules/text_terms.h"

namespace hotline::intake {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;
using domain::TicketAction;
using ticketstore::CreationStep;

namespace {

constexpr char kAnsweredReason[] = "scope.answered.knowledge_base";
// The acceptance's reason when the caller is flagged: routing queues the ticket for the office.
constexpr char kCallerFlaggedReason[] = "intake.caller_flagged";

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
  const SubmitCommand& r = s.command;
  common::Ticket t;
  t.set_channel(r.channel);
  t.set_source_line(r.source_line);
  t.set_kind(r.kind);
  // A child-protection emergency is always 特急.
  t.set_urgency(s.category.child_protection_emergency() ? common::URGENCY_EXTRA_URGENT : r.urgency);
  t.set_category(r.category);
  t.mutable_region()->set_code(s.region);
  t.set_address(r.address);
  *t.mutable_caller() = r.caller;
  t.mutable_caller()->set_phone(CanonicalPhone(r.caller.phone()));
  t.set_content(r.content);
  *t.mutable_attachments() = r.attachments;
  t.mutable_flags()->set_involves_minor(r.involves_minor || s.category.minor_protection());
  t.mutable_flags()->set_emergency(outcome.decision == v1::SCOPE_DECISION_EMERGENCY_REFERRAL);
  t.set_idempotency_key(r.idempotency_key);
  return t;
}

// The article answering a consultation: the one the agent named, or a confident search hit.
absl::StatusOr<std::optional<v1::KnowledgeArticle>> Answer(Transaction& tx, const Submission& s,
                                                           const SubmitContext& c) {
  const KnowledgeQuery scope{s.command.content, s.region, s.command.category, 1};
  if (!s.command.answered_with_article.empty()) {
    auto article = c.knowledge.Applicable(tx, s.command.answered_with_article, c.clock.Now(),
                                          ArticleRegion(s.region), s.command.category);
    if (!article) {
      return InvalidFields(
          {{"answered_with_article", "is not a current article for this place and category"}});
    }
    return article;
  }
  if (!c.options.answer_consultations) return std::nullopt;
  auto frequencies = [&](const std::vector<std::string>& terms) {
    return c.knowledge.Frequencies(tx, terms);
  };
  auto candidates = [&](const CandidateQuery& query) { return c.knowledge.Candidates(tx, query); };
  auto synonyms = [&](const std::vector<std::string>& words) {
    return c.knowledge.Synonyms(tx, words);
  };
  std::vector<v1::KnowledgeHit> hits = SearchArticles(
      scope, c.clock.Now(), {frequencies, candidates, synonyms}, c.options.knowledge_search);
  if (hits.empty() || QuestionCoverage(hits[0].article(), s.command.content) <
                          c.options.answer_min_question_coverage) {
    return std::nullopt;
  }
  return std::move(*hits[0].mutable_article());
}

// What one submission becomes: its decision, its draft, the events that go with it.
struct Plan {
  Submission* submission;
  ScopeOutcome outcome;
  SubmitResult result;
  common::Ticket draft;
  DuplicateProbe probe;
  std::optional<DuplicateMatch> duplicate;
  v1::EmergencyReferred referred;
  v1::AnsweredFromKnowledge answered;
  v1::PossibleDuplicate flagged;
  bool held_for_review = false;  // the caller is flagged (恶意来电)
};

// Phase 1 (reads only): the submissions this batch writes, consultations answered. A bad
// answered_with_article fails its submission before anything is written; later requests
// repeating a key of this batch wait for the first's answer.
std::vector<Plan> PlanAnswers(Transaction& tx, const std::vector<Submission*>& batch,
                              const SubmitContext& c) {
  std::vector<Plan> plans;
  absl::flat_hash_set<std::string> keys;
  for (Submission* s : batch) {
    s->result = absl::UnknownError("not written");
    s->replay = false;
    if (!keys.insert(s->key).second) {
      s->replay = true;
      continue;
    }
    Plan plan;
    plan.submission = s;
    plan.outcome = s->scope;
    if (plan.outcome.decision == v1::SCOPE_DECISION_ACCEPTED &&
        s->command.kind == common::TICKET_KIND_CONSULTATION) {
      auto answer = Answer(tx, *s, c);
      if (!answer.ok()) {
        s->result = answer.status();
        continue;
      }
      if (*answer) {
        plan.outcome.decision = v1::SCOPE_DECISION_ANSWERED;
        plan.outcome.reason_code = kAnsweredReason;
        plan.outcome.reason = (*answer)->title();
        plan.result.answer = **answer;
      }
    }
    plans.push_back(std::move(plan));
  }
  return plans;
}

// Phase 2 (in memory): each plan's draft, and the earlier tickets it may repeat.
DuplicateCandidates DraftAndProbe(std::vector<Plan>& plans, const SubmitContext& c,
                                  absl::Time now) {
  std::vector<DuplicateProbe> probes;
  for (Plan& p : plans) {
    p.draft = Draft(*p.submission, p.outcome);
    // Only a plain acceptance waits: an emergency referral, or a matter involving a minor, is
    // dispatched whoever calls.
    const FlaggedCallerCheck* flagged = c.options.flagged_callers;
    p.held_for_review = flagged != nullptr && p.outcome.decision == v1::SCOPE_DECISION_ACCEPTED &&
                        !p.draft.flags().involves_minor() &&
                        flagged->IsFlagged(p.draft.caller().phone());
    p.probe = {p.draft.caller().phone(), p.draft.region().code(), p.draft.category(),
               TermSignature(p.draft.content())};
    probes.push_back(p.probe);
  }
  return FindDuplicateCandidates(probes, c.recent, c.options.duplicates, now);
}

// Phase 3: the keys taken, the candidates still repeatable and the tickets' identities, read in
// one round trip; skipped when nothing needs confirming and the writer's stock has identities.
BatchLookup LookUp(Transaction& tx, const std::vector<Plan>& plans,
                   const DuplicateCandidates& candidates, const std::string& day,
                   const SubmitContext& c, WriterTurn& turn, absl::Time now) {
  std::optional<std::vector<ticketstore::TicketIdentity>> stocked;
  if (!turn.look_up_first && candidates.ids.empty()) {
    stocked = turn.stock.Peek(day, static_cast<int>(plans.size()), now);
  }
  turn.looked_up = !stocked;
  if (stocked) {
    BatchLookup lookup;
    lookup.identities = {now, std::move(*stocked)};
    return lookup;
  }
  std::vector<std::string> keys;
  for (const Plan& p : plans) keys.push_back(p.submission->key);
  return c.store.LookUp(tx, keys, candidates.ids, now);
}

// Phase 4: the plans whose keys no other request took (those are answered from the stored
// response), each with its confirmed duplicate.
std::vector<Plan> Unwritten(std::vector<Plan> plans, const BatchLookup& lookup,
                            const DuplicateCandidates& candidates) {
  std::vector<std::optional<DuplicateMatch>> confirmed =
      ConfirmedDuplicates(candidates, lookup.repeatable);
  std::vector<Plan> todo;
  for (size_t i = 0; i < plans.size(); ++i) {
    if (lookup.taken_keys.contains(plans[i].submission->key)) {
      plans[i].submission->replay = true;
      continue;
    }
    // A refused submission is not flagged.
    if (plans[i].outcome.decision != v1::SCOPE_DECISION_NOT_ACCEPTED) {
      plans[i].duplicate = std::move(confirmed[i]);
    }
    todo.push_back(std::move(plans[i]));
  }
  return todo;
}

// Phase 5 (in memory): each ticket with the steps its decision gives it.
std::vector<ticketstore::NewTicket> PlanTickets(std::vector<Plan>& todo) {
  std::vector<ticketstore::NewTicket> new_tickets;
  for (Plan& p : todo) {
    std::vector<CreationStep> steps = {
        {ActionFor(p.outcome.decision),
         {p.held_for_review ? std::string(kCallerFlaggedReason) : p.outcome.reason_code},
         "",
         nullptr}};
    if (p.outcome.decision == v1::SCOPE_DECISION_EMERGENCY_REFERRAL) {
      for (v1::EmergencyLine line : p.outcome.referral_lines) {
        p.referred.add_lines(line);
        p.result.referred_to.push_back(line);
      }
      p.referred.set_child_protection_emergency(
          p.submission->category.child_protection_emergency());
      p.referred.set_category(p.draft.category());
      p.referred.set_region_code(p.draft.region().code());
      steps.push_back({std::nullopt, {}, event_type::kIntakeEmergencyReferred, &p.referred});
    } else if (p.outcome.decision == v1::SCOPE_DECISION_ANSWERED) {
      p.answered.set_article_key(p.result.answer->key());
      p.answered.set_article_version(p.result.answer->version());
      steps.push_back({std::nullopt, {}, event_type::kIntakeAnswered, &p.answered});
    }
    if (p.duplicate) {
      p.flagged.set_earlier_ticket_number(p.duplicate->earlier_ticket_number);
      p.flagged.set_basis(p.duplicate->basis);
      p.flagged.set_similarity(p.duplicate->similarity);
      steps.push_back({std::nullopt, {}, event_type::kIntakePossibleDuplicate, &p.flagged});
      p.result.possible_duplicate_of = p.duplicate->earlier_ticket_number;
    }
    new_tickets.push_back({p.draft, p.submission->actor, std::move(steps)});
  }
  return new_tickets;
}

// Phase 6 (in memory): each written ticket's answer and intake's rows for it; the tickets that
// may be repeated join duplicate detection at once.
IntakeRows Outcomes(std::vector<Plan>& todo, const std::vector<common::Ticket>& tickets,
                    const SubmitContext& c) {
  IntakeRows rows;
  for (size_t i = 0; i < todo.size(); ++i) {
    Plan& p = todo[i];
    const common::Ticket& t = tickets[i];
    for (int line : p.referred.lines()) {
      rows.referral_tickets.push_back(t.id());
      rows.referral_lines.push_back(line);
    }
    if (p.duplicate) rows.links.emplace_back(t.id(), *p.duplicate);
    if (p.outcome.decision != v1::SCOPE_DECISION_NOT_ACCEPTED) {
      DuplicateProbe& probe = p.probe;
      c.recent.Add({t.id(), t.number(), std::move(probe.phone), std::move(probe.region),
                    std::move(probe.category), FromTimestamp(t.created_at()),
                    std::move(probe.terms)});
    }
    p.result.ticket_number = t.number();
    p.result.state = t.state();
    p.result.decision = p.outcome.decision;
    p.result.reason_code = p.outcome.reason_code;
    p.result.reason = p.outcome.reason;
    p.result.urgency = t.urgency();
    rows.answers.push_back(
        {p.submission->key, p.submission->command.fingerprint, t.id(), &p.result});
  }
  return rows;
}

}  // namespace

absl::Status WriteSubmissions(Transaction& tx, const std::vector<Submission*>& batch,
                              const SubmitContext& c, WriterTurn& turn) {
  std::vector<Plan> plans = PlanAnswers(tx, batch, c);
  if (plans.empty()) return absl::OkStatus();
  const absl::Time now = c.clock.Now();
  const DuplicateCandidates candidates = DraftAndProbe(plans, c, now);
  const std::string day = c.store.ServiceDay(now);
  const BatchLookup lookup = LookUp(tx, plans, candidates, day, c, turn, now);
  std::vector<Plan> todo = Unwritten(std::move(plans), lookup, candidates);
  if (todo.empty()) return absl::OkStatus();

  // Every insert goes to the database as one statement: in autocommit, one transaction.
  std::unique_ptr<SubmissionWrite> write = c.store.StartWrite(tx);
  absl::StatusOr<std::vector<common::Ticket>> tickets =
      write->AddTickets(lookup.identities, PlanTickets(todo));
  // Steps come from intake's own decisions, so this is a bug; nothing is written.
  if (!tickets.ok()) return tickets.status();
  write->AddIntakeRows(Outcomes(todo, *tickets, c), now);
  // The next batch's identities (IdentityStock), drawn by this write: its last statement.
  const int used = turn.looked_up ? 0 : static_cast<int>(todo.size());
  const int wanted = turn.stock.Wanted(day, used, now);
  if (wanted > 0) write->AddIdentityDraw(day, wanted);
  auto ahead = write->Commit(now);
  if (!ahead.ok()) return ahead.status();

  turn.stock.Replenish(day, used, now, *std::move(ahead));
  for (Plan& p : todo) p.submission->result = std::move(p.result);
  return absl::OkStatus();
}

void ReplaySubmissions(Transaction& tx, const SubmissionStore& store,
                       const std::vector<Submission*>& batch) {
  std::vector<std::string> keys;
  for (const Submission* s : batch) {
    if (s->replay) keys.push_back(s->key);
  }
  if (keys.empty()) return;
  const absl::flat_hash_map<std::string, StoredAnswer> stored = store.StoredAnswers(tx, keys);
  // A repeat of a key whose first request in this batch failed shares that failure.
  absl::flat_hash_map<std::string, absl::Status> failed;
  for (const Submission* s : batch) {
    if (!s->replay && !s->result.ok()) failed.emplace(s->key, s->result.status());
  }
  for (Submission* s : batch) {
    if (!s->replay) continue;
    if (auto f = failed.find(s->key); f != failed.end()) {
      s->result = f->second;
      continue;
    }
    auto it = stored.find(s->key);
    if (it == stored.end() || it->second.fingerprint != s->command.fingerprint) {
      s->result =
          absl::AlreadyExistsError("idempotency_key was already used for a different request");
      continue;
    }
    if (!it->second.result) {
      s->result = absl::InternalError("stored answer for an idempotency key is unreadable");
      continue;
    }
    s->result = *it->second.result;
  }
}

}  // namespace hotline::intake
