#pragma once

#include <string>
#include <vector>

#include "services/intake/app/submit_batch.h"
#include "tests/unit/intake/fakes/fake_submission_store.h"
#include "tests/unit/intake/fakes/use_case_fixture.h"

namespace hotline::intake::testing {

// The group-commit writer on fakes: submissions to write, and the stores they go to.
struct BatchFixture : UseCaseFixture {
  BatchFixture() {
    transactions.Track(submissions);
    transactions.Track(knowledge);
  }

  Submission Make(
      const std::string& key,
      hotline::common::v1::TicketKind kind = hotline::common::v1::TICKET_KIND_COMPLAINT,
      hotline::intake::v1::ScopeDecision decision = hotline::intake::v1::SCOPE_DECISION_ACCEPTED) {
    Submission s;
    s.command.idempotency_key = key;
    s.command.fingerprint = "print-" + key;
    s.command.channel = hotline::common::v1::CHANNEL_PHONE;
    s.command.source_line = hotline::common::v1::SOURCE_LINE_12345;
    s.command.kind = kind;
    s.command.urgency = hotline::common::v1::URGENCY_NORMAL;
    s.command.category = "urban/street-lighting";
    s.command.region_code = "530102";
    s.command.caller.set_phone("13812345678");
    s.command.content = "路灯坏了三天";
    s.actor = Actor("5301");
    s.key = ScopedIdempotencyKey(s.actor.principal(), key);
    s.category.set_code(s.command.category);
    s.scope.decision = decision;
    s.scope.reason_code = "scope.test";
    s.region = "530102";
    return s;
  }

  // `key` as Make's submissions store it: the front-end's own.
  static std::string Stored(const std::string& key) {
    return ScopedIdempotencyKey(Actor("5301").principal(), key);
  }

  absl::Status Write(std::vector<Submission*> batch, bool look_up_first = false) {
    turn.look_up_first = look_up_first;
    return transactions.Run(
        [&](Transaction& tx) { return WriteSubmissions(tx, batch, context, turn); });
  }
  void Replay(std::vector<Submission*> batch) {
    Transaction tx;
    ReplaySubmissions(tx, submissions, batch);
  }

  FakeSubmissionStore submissions{tickets};
  FakeKnowledgeStore knowledge;
  RecentTickets recent{absl::Hours(72)};
  SubmitOptions options;
  SubmitContext context{submissions, knowledge, recent, clock, options};
  IdentityStock stock;
  WriterTurn turn{stock};
};

}  // namespace hotline::intake::testing
