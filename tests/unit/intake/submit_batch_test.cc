// The group-commit writer's branching, on fakes: which submissions are written, replayed or
// refused, and that a failed or raced write leaves nothing behind.
#include "services/intake/app/submit_batch.h"

#include <catch2/catch.hpp>

#include "libs/domain/event_types.h"
#include "services/intake/rules/text_terms.h"
#include "tests/unit/intake/fakes/batch_fixture.h"

namespace hotline::intake {
namespace {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;
using testing::BatchFixture;
using testing::FakeSubmissionStore;

TEST_CASE("a batch writes each submission with its ticket, events and stored answer",
          "[submit_batch]") {
  BatchFixture f;
  Submission accepted = f.Make("k-1");
  Submission refused =
      f.Make("k-2", common::TICKET_KIND_COMPLAINT, v1::SCOPE_DECISION_NOT_ACCEPTED);
  REQUIRE(f.Write({&accepted, &refused}).ok());

  REQUIRE(accepted.result.ok());
  CHECK(accepted.result->state == common::TICKET_STATE_PENDING_DISPATCH);
  CHECK(accepted.result->decision == v1::SCOPE_DECISION_ACCEPTED);
  REQUIRE(refused.result.ok());
  CHECK(refused.result->state == common::TICKET_STATE_NOT_ACCEPTED);
  CHECK_FALSE(accepted.replay);

  Transaction tx;
  auto ticket = f.tickets.GetByNumber(tx, accepted.result->ticket_number);
  REQUIRE(ticket.ok());
  CHECK(ticket->caller().phone() == "13812345678");
  CHECK(f.tickets.EventTypes(ticket->id()) ==
        std::vector<std::string>{event_type::kTicketCreated, event_type::kTicketStateChanged});
  // One read, one write for the whole batch.
  CHECK(f.submissions.lookups() == 1);
  CHECK(f.submissions.writes() == 1);
  REQUIRE(f.submissions.data().answers.size() == 2);
  const auto& stored = f.submissions.data().answers.at(f.Stored("k-1"));
  CHECK(stored.fingerprint == "print-k-1");
  CHECK(stored.ticket_id == ticket->id());
  CHECK(stored.result.ticket_number == accepted.result->ticket_number);
  // An accepted ticket joins duplicate detection at once; a refused one does not.
  CHECK(f.recent.size() == 1);
}

TEST_CASE("the same key from two front-ends is two requests", "[submit_batch][idempotency]") {
  BatchFixture f;
  Submission mine = f.Make("k-1");
  Submission theirs = f.Make("k-1");
  theirs.actor.set_principal("console-07");
  theirs.key = ScopedIdempotencyKey("console-07", "k-1");
  theirs.command.fingerprint = "another console's request";
  std::vector<Submission*> batch = {&mine, &theirs};
  REQUIRE(f.Write(batch).ok());
  REQUIRE(mine.result.ok());
  REQUIRE(theirs.result.ok());
  CHECK_FALSE(theirs.replay);
  CHECK(mine.result->ticket_number != theirs.result->ticket_number);
  CHECK(f.submissions.data().answers.size() == 2);
  CHECK(ScopedIdempotencyKey("console-03", "k-1") == "console-03/k-1");
}

TEST_CASE("a key repeated within a batch is answered as its first request", "[submit_batch]") {
  BatchFixture f;
  Submission first = f.Make("k-1");
  Submission again = f.Make("k-1");
  Submission other_request = f.Make("k-1");
  other_request.command.fingerprint = "another request";
  std::vector<Submission*> batch = {&first, &again, &other_request};
  REQUIRE(f.Write(batch).ok());
  CHECK(again.replay);
  CHECK(other_request.replay);
  f.Replay(batch);

  REQUIRE(first.result.ok());
  REQUIRE(again.result.ok());
  CHECK(again.result->ticket_number == first.result->ticket_number);
  CHECK(other_request.result.status().code() == absl::StatusCode::kAlreadyExists);
  CHECK(f.tickets.events().size() == 2);  // one ticket: created, accepted
}

TEST_CASE("a key stored by an earlier request is answered from the stored answer",
          "[submit_batch]") {
  BatchFixture f;
  SubmitResult earlier;
  earlier.ticket_number = "5301-20270115-000007";
  earlier.state = common::TICKET_STATE_DISPATCHED;
  f.submissions.StoreElsewhere(f.Stored("k-1"), {"print-k-1", 7, earlier});
  Submission s = f.Make("k-1");
  REQUIRE(f.Write({&s}).ok());
  CHECK(s.replay);
  f.Replay({&s});
  REQUIRE(s.result.ok());
  CHECK(s.result->ticket_number == "5301-20270115-000007");
  CHECK(f.tickets.events().empty());
  CHECK(f.submissions.writes() == 0);
}

TEST_CASE("a key taken by a concurrent request undoes the whole batch, which is written again",
          "[submit_batch]") {
  BatchFixture f;
  Submission mine = f.Make("k-1");
  Submission raced = f.Make("k-2");
  SubmitResult winner;
  winner.ticket_number = "5301-20270115-000042";
  f.submissions.StoreBehindLookUp(f.Stored("k-2"), {"print-k-2", 42, winner});

  absl::Status status = f.Write({&mine, &raced});
  CHECK(IsIdempotencyRace(status));
  CHECK(f.tickets.events().empty());  // nothing of the batch was kept
  CHECK(f.submissions.data().answers.empty());

  // Written again, looking the keys up first: the race's loser answers from the winner.
  REQUIRE(f.Write({&mine, &raced}, /*look_up_first=*/true).ok());
  CHECK(raced.replay);
  f.Replay({&mine, &raced});
  REQUIRE(mine.result.ok());
  REQUIRE(raced.result.ok());
  CHECK(raced.result->ticket_number == "5301-20270115-000042");
  CHECK(f.submissions.data().answers.size() == 1);
}

TEST_CASE(
    "an emergency referral writes its lines and its event, and a child-protection one is "
    "extra urgent",
    "[submit_batch]") {
  BatchFixture f;
  Submission s = f.Make("k-1", common::TICKET_KIND_REPORT, v1::SCOPE_DECISION_EMERGENCY_REFERRAL);
  s.scope.referral_lines = {v1::EMERGENCY_LINE_110};
  s.category.set_child_protection_emergency(true);
  REQUIRE(f.Write({&s}).ok());
  REQUIRE(s.result.ok());
  CHECK(s.result->state == common::TICKET_STATE_EMERGENCY_REFERRED);
  CHECK(s.result->urgency == common::URGENCY_EXTRA_URGENT);
  CHECK(s.result->referred_to == std::vector<v1::EmergencyLine>{v1::EMERGENCY_LINE_110});
  Transaction tx;
  auto ticket = f.tickets.GetByNumber(tx, s.result->ticket_number);
  REQUIRE(ticket.ok());
  CHECK(f.tickets.EventTypes(ticket->id()) ==
        std::vector<std::string>{event_type::kTicketCreated, event_type::kTicketStateChanged,
                                 event_type::kIntakeEmergencyReferred});
  REQUIRE(f.submissions.data().referrals.size() == 1);
  CHECK(f.submissions.data().referrals[0] ==
        std::pair<int64_t, int64_t>{ticket->id(), v1::EMERGENCY_LINE_110});
}

TEST_CASE(
    "a consultation is answered by the article the agent named, and a wrong article fails "
    "that submission alone",
    "[submit_batch]") {
  BatchFixture f;
  v1::KnowledgeArticle article;
  article.set_key("residence-permit");
  article.set_title("居住证办理");
  Transaction tx;
  f.knowledge.PutVersion(tx, article, {"居住证"}, "", f.clock.Now(), std::nullopt, f.clock.Now(),
                         "editor");
  Submission answered = f.Make("k-1", common::TICKET_KIND_CONSULTATION);
  answered.command.answered_with_article = "residence-permit";
  Submission wrong = f.Make("k-2", common::TICKET_KIND_CONSULTATION);
  wrong.command.answered_with_article = "no-such-article";
  REQUIRE(f.Write({&answered, &wrong}).ok());

  REQUIRE(answered.result.ok());
  CHECK(answered.result->decision == v1::SCOPE_DECISION_ANSWERED);
  CHECK(answered.result->state == common::TICKET_STATE_ANSWERED);
  REQUIRE(answered.result->answer.has_value());
  CHECK(answered.result->answer->key() == "residence-permit");
  CHECK(wrong.result.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(f.submissions.data().answers.size() == 1);  // the wrong one stored no key
}

TEST_CASE(
    "a repeat of an earlier caller's matter is flagged when the earlier ticket is still "
    "open",
    "[submit_batch]") {
  BatchFixture f;
  common::Ticket earlier = f.Ticket("530102");
  f.recent.Add({earlier.id(), earlier.number(), "13812345678", "530102", "urban/street-lighting",
                f.clock.Now() - absl::Hours(1), TermSignature("路灯坏了三天")});
  Submission s = f.Make("k-1");
  REQUIRE(f.Write({&s}).ok());
  REQUIRE(s.result.ok());
  CHECK(s.result->possible_duplicate_of == earlier.number());
  REQUIRE(f.submissions.data().links.size() == 1);
  CHECK(f.submissions.data().links[0].second.earlier_ticket_id == earlier.id());
  CHECK(f.submissions.data().links[0].second.basis == "same_caller");
}

TEST_CASE(
    "with identities in stock a batch writes without looking up, and a key stored already "
    "then fails the write as a race",
    "[submit_batch]") {
  BatchFixture f;
  const std::string day = f.submissions.ServiceDay(f.clock.Now());
  // A busy writer keeps a stock.
  f.stock.NoteBatch(4, f.clock.Now());
  f.stock.NoteBatch(4, f.clock.Now() + absl::Milliseconds(10));
  f.stock.Replenish(day, 0, f.clock.Now(), {{101, "n-101"}, {102, "n-102"}});
  REQUIRE(f.stock.size() == 2);

  Submission s = f.Make("k-1");
  REQUIRE(f.Write({&s}).ok());
  CHECK_FALSE(f.turn.looked_up);
  CHECK(f.submissions.lookups() == 0);
  REQUIRE(s.result.ok());

  f.submissions.StoreElsewhere(f.Stored("k-2"), {"print-k-2", 9, {}});
  Submission taken = f.Make("k-2");
  taken.command.caller.set_phone("13900001111");  // no earlier ticket to confirm either
  taken.command.content = "井盖丢了";
  CHECK(IsIdempotencyRace(f.Write({&taken})));
  CHECK(f.submissions.lookups() == 0);
}

}  // namespace
}  // namespace hotline::intake
