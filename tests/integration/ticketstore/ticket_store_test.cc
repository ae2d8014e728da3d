#include <catch2/catch.hpp>
#include <pqxx/result>
#include <thread>

#include "absl/strings/match.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/domain/event_types.h"
#include "libs/pg/transact.h"
#include "libs/ticketstore/event_outbox.h"
#include "libs/ticketstore/pg_ticket_store.h"
#include "tests/support/core/sample_tickets.h"
#include "tests/support/scratch_database.h"

namespace hotline::ticketstore {
namespace {

namespace v1 = hotline::common::v1;
using domain::TicketAction;

struct Fixture {
  Fixture()
      : pool({.url = db.url(), .size = 4}),
        clock(absl::FromCivil(absl::CivilSecond(2026, 11, 22, 9, 30, 0), Zone())),
        store({.instance_id = "5301", .zone = Zone(), .stream_partitions = 8},
              crypto::EphemeralCipher(), clock) {}

  static absl::TimeZone Zone() {
    absl::TimeZone zone;
    REQUIRE(absl::LoadTimeZone("Asia/Shanghai", &zone));
    return zone;
  }

  v1::Ticket Open() {
    v1::Ticket draft = support::SampleTicketDraft();
    draft.set_content("停水三天");
    auto ticket = pg::TransactFor<v1::Ticket>(
        pool, [&](pqxx::work& tx) { return store.Create(tx, draft, actor); });
    REQUIRE(ticket.ok());
    return *ticket;
  }

  int64_t Count(const std::string& sql) { return db.Count(sql); }

  testing::ScratchDatabase db;
  pg::PgPool pool;
  FakeClock clock;
  PgTicketStore store;
  v1::Actor actor = support::SampleActor("test");
};

TEST_CASE("create writes the ticket and one outbox event", "[ticketstore]") {
  Fixture f;
  v1::Ticket t = f.Open();
  CHECK(t.number() == "5301-20261122-000001");
  CHECK(f.Open().number() == "5301-20261122-000002");
  CHECK(t.state() == v1::TICKET_STATE_RECEIVED);
  CHECK(t.version() == 1);
  CHECK(t.content() == "停水三天");
  CHECK(f.Count("SELECT count(*) FROM outbox_pending") == 2);

  // The next service day (in Shanghai, 16:00 UTC is midnight) restarts the sequence.
  f.clock.Advance(absl::Hours(15));
  CHECK(f.Open().number() == "5301-20261123-000001");
}

TEST_CASE("create returns the tickets exactly as they read back", "[ticketstore]") {
  Fixture f;
  v1::Ticket draft = support::SampleTicketDraft();
  draft.set_address("五华区青年路100号");
  draft.mutable_caller()->set_name("王先生");
  draft.mutable_caller()->set_phone("13900000001");
  draft.mutable_caller()->set_wants_confidentiality(true);
  draft.set_content("小区停水三天，物业说是管道问题 \\ 'quoted' \"double\"");
  draft.set_idempotency_key("front-end-request-1");
  draft.mutable_flags()->set_involves_minor(true);
  draft.add_attachments()->set_uri("s3://attachments/1.jpg");
  v1::Ticket anonymous = support::SampleTicketDraft();
  anonymous.mutable_caller()->set_anonymous(true);
  const std::vector<CreationStep> accept = {
      {TicketAction::kAccept, {"test.accepted"}, "", nullptr}};
  auto created = pg::TransactFor<std::vector<v1::Ticket>>(f.pool, [&](pqxx::work& tx) {
    return f.store.CreateMany(tx, {{draft, f.actor, accept}, {anonymous, f.actor, {}}});
  });
  REQUIRE(created.ok());
  REQUIRE(created->size() == 2);
  CHECK((*created)[0].state() == v1::TICKET_STATE_PENDING_DISPATCH);
  CHECK((*created)[0].version() == 2);
  for (const v1::Ticket& t : *created) {
    auto read = pg::TransactFor<v1::Ticket>(
        f.pool, [&](pqxx::work& tx) { return f.store.Get(tx, t.id()); });
    REQUIRE(read.ok());
    CHECK(read->DebugString() == t.DebugString());
  }
}

TEST_CASE("apply moves through the lifecycle and records each change", "[ticketstore]") {
  Fixture f;
  v1::Ticket t = f.Open();
  auto apply = [&](int64_t version, TicketAction action) {
    return pg::TransactFor<v1::Ticket>(f.pool, [&](pqxx::work& tx) {
      return f.store.Apply(tx, t.id(), version, action, f.actor, {"test.reason"});
    });
  };
  auto accepted = apply(1, TicketAction::kAccept);
  REQUIRE(accepted.ok());
  CHECK(accepted->state() == v1::TICKET_STATE_PENDING_DISPATCH);
  CHECK(accepted->version() == 2);

  auto suspended = apply(2, TicketAction::kSuspend);
  REQUIRE(suspended.ok());
  auto resumed = apply(3, TicketAction::kResume);
  REQUIRE(resumed.ok());
  CHECK(resumed->state() == v1::TICKET_STATE_PENDING_DISPATCH);

  auto illegal = apply(4, TicketAction::kReply);
  CHECK(illegal.status().code() == absl::StatusCode::kFailedPrecondition);
  auto missing = pg::TransactFor<v1::Ticket>(f.pool, [&](pqxx::work& tx) {
    return f.store.Apply(tx, 999999, 0, TicketAction::kAccept, f.actor);
  });
  CHECK(missing.status().code() == absl::StatusCode::kNotFound);

  auto history = pg::TransactFor<std::vector<v1::EventEnvelope>>(
      f.pool, [&](pqxx::work& tx) { return f.store.History(tx, t.id()); });
  REQUIRE(history.ok());
  REQUIRE(history->size() ==
          4);  // created, accepted, suspended, resumed; the refused one left none
  for (size_t i = 0; i < history->size(); ++i) {
    CHECK((*history)[i].ticket_version() == static_cast<int64_t>(i + 1));
  }
  v1::TicketStateChanged changed;
  REQUIRE((*history)[1].payload().UnpackTo(&changed));
  CHECK(changed.from() == v1::TICKET_STATE_RECEIVED);
  CHECK(changed.to() == v1::TICKET_STATE_PENDING_DISPATCH);
  CHECK(changed.reason_code() == "test.reason");
}

TEST_CASE("two writers on one ticket: one wins, the other is ABORTED", "[ticketstore]") {
  Fixture f;
  v1::Ticket t = f.Open();
  // Both writers saw version 1. The first holds its transaction open while the second tries.
  std::atomic<bool> first_locked{false};
  std::atomic<bool> release_first{false};
  absl::Status first, second;
  std::thread a([&] {
    first = pg::Transact(f.pool, [&](pqxx::work& tx) {
      auto r = f.store.Apply(tx, t.id(), 1, TicketAction::kAccept, f.actor);
      first_locked = true;
      while (!release_first) std::this_thread::yield();
      return r.status();
    });
  });
  while (!first_locked) std::this_thread::yield();
  std::thread b([&] {
    second = pg::Transact(f.pool, [&](pqxx::work& tx) {
      return f.store.Apply(tx, t.id(), 1, TicketAction::kReject, f.actor).status();
    });
  });
  release_first = true;
  a.join();
  b.join();
  CHECK(first.ok());
  CHECK(second.code() == absl::StatusCode::kAborted);

  // Nothing of the loser was written: the ticket took the winner's state, one event each.
  CHECK(f.Count("SELECT count(*) FROM tickets WHERE state = 'PENDING_DISPATCH' AND version = 2") ==
        1);
  CHECK(f.Count("SELECT count(*) FROM ticket_events") == 2);
}

TEST_CASE("create applies its steps in one go, or writes nothing", "[ticketstore]") {
  Fixture f;
  hotline::intake::v1::EmergencyReferred referred;
  referred.add_lines(hotline::intake::v1::EMERGENCY_LINE_119);
  const std::vector<CreationStep> steps = {
      {TicketAction::kReferEmergency, {"scope.emergency.fire"}, "", nullptr},
      {std::nullopt, {}, event_type::kIntakeEmergencyReferred, &referred},
      {TicketAction::kDispatch, {}, "", nullptr}};
  auto ticket = pg::TransactFor<v1::Ticket>(f.pool, [&](pqxx::work& tx) {
    return f.store.Create(tx, support::SampleTicketDraft(), f.actor, steps);
  });
  REQUIRE(ticket.ok());
  CHECK(ticket->state() == v1::TICKET_STATE_DISPATCHED);
  CHECK(ticket->version() == 4);
  auto history = pg::TransactFor<std::vector<v1::EventEnvelope>>(
      f.pool, [&](pqxx::work& tx) { return f.store.History(tx, ticket->id()); });
  REQUIRE(history.ok());
  REQUIRE(history->size() == 4);
  const std::vector<std::string> types = {"ticket.created", "ticket.state_changed",
                                          "intake.emergency_referred", "ticket.state_changed"};
  for (size_t i = 0; i < 4; ++i) {
    CHECK((*history)[i].type() == types[i]);
    CHECK((*history)[i].ticket_version() == static_cast<int64_t>(i + 1));
    CHECK((*history)[i].ticket_number() == ticket->number());
  }
  v1::TicketCreated created;
  REQUIRE((*history)[0].payload().UnpackTo(&created));
  CHECK(created.ticket().state() == v1::TICKET_STATE_RECEIVED);
  CHECK(created.ticket().version() == 1);
  v1::TicketStateChanged changed;
  REQUIRE((*history)[1].payload().UnpackTo(&changed));
  CHECK(changed.to() == v1::TICKET_STATE_EMERGENCY_REFERRED);
  CHECK(changed.reason_code() == "scope.emergency.fire");

  auto illegal = pg::TransactFor<v1::Ticket>(f.pool, [&](pqxx::work& tx) {
    return f.store.Create(tx, support::SampleTicketDraft(), f.actor,
                          {{TicketAction::kSign, {}, "", nullptr}});
  });
  CHECK(illegal.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(f.Count("SELECT count(*) FROM tickets") == 1);
  CHECK(f.Count("SELECT count(*) FROM ticket_events") == 4);
}

TEST_CASE("record bumps the version without a state change", "[ticketstore]") {
  Fixture f;
  v1::Ticket t = f.Open();
  hotline::intake::v1::PossibleDuplicate note;  // any event that changes no state
  auto recorded = pg::TransactFor<v1::Ticket>(f.pool, [&](pqxx::work& tx) {
    return f.store.Record(tx, t.id(), 1, event_type::kIntakePossibleDuplicate, note, f.actor);
  });
  REQUIRE(recorded.ok());
  CHECK(recorded->version() == 2);
  CHECK(recorded->state() == v1::TICKET_STATE_RECEIVED);
  auto stale = pg::TransactFor<v1::Ticket>(f.pool, [&](pqxx::work& tx) {
    return f.store.Record(tx, t.id(), 1, event_type::kIntakePossibleDuplicate, note, f.actor);
  });
  CHECK(stale.status().code() == absl::StatusCode::kAborted);
}

TEST_CASE("apply writes its follow-up events with consecutive versions", "[ticketstore]") {
  Fixture f;
  v1::Ticket t = f.Open();
  hotline::intake::v1::PossibleDuplicate first;
  hotline::intake::v1::AnsweredFromKnowledge second;
  auto applied = pg::TransactFor<v1::Ticket>(f.pool, [&](pqxx::work& tx) {
    return f.store.Apply(
        tx, t.id(), 1, TicketAction::kAccept, f.actor, {"scope.ok"},
        {{event_type::kIntakePossibleDuplicate, &first}, {event_type::kIntakeAnswered, &second}});
  });
  REQUIRE(applied.ok());
  CHECK(applied->version() == 4);
  CHECK(applied->state() == v1::TICKET_STATE_PENDING_DISPATCH);
  auto history = pg::TransactFor<std::vector<v1::EventEnvelope>>(
      f.pool, [&](pqxx::work& tx) -> absl::StatusOr<std::vector<v1::EventEnvelope>> {
        return f.store.History(tx, t.id());
      });
  REQUIRE(history.ok());
  REQUIRE(history->size() == 4);
  CHECK((*history)[1].type() == "ticket.state_changed");
  CHECK((*history)[1].ticket_version() == 2);
  CHECK((*history)[2].type() == "intake.possible_duplicate");
  CHECK((*history)[2].ticket_version() == 3);
  CHECK((*history)[3].type() == "intake.answered");
  CHECK((*history)[3].ticket_version() == 4);

  // An illegal action writes none of them.
  auto illegal = pg::TransactFor<v1::Ticket>(f.pool, [&](pqxx::work& tx) {
    return f.store.Apply(tx, t.id(), 0, TicketAction::kSign, f.actor, {},
                         {{event_type::kIntakePossibleDuplicate, &first}});
  });
  CHECK(illegal.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(f.Count("SELECT count(*) FROM ticket_events WHERE type = 'intake.possible_duplicate'") ==
        1);
}

TEST_CASE("an event outside the contract fails the transaction and writes nothing",
          "[ticketstore]") {
  Fixture f;
  v1::Ticket t = f.Open();
  hotline::intake::v1::PossibleDuplicate note;
  auto unknown = pg::TransactFor<v1::Ticket>(f.pool, [&](pqxx::work& tx) {
    return f.store.Record(tx, t.id(), 0, "test.not_in_the_contract", note, f.actor);
  });
  CHECK(unknown.status().code() == absl::StatusCode::kInternal);
  CHECK(absl::StrContains(unknown.status().message(), "not in the event contract"));
  // A known type with another type's payload is refused the same way.
  hotline::intake::v1::AnsweredFromKnowledge wrong;
  auto mismatched = pg::TransactFor<v1::Ticket>(f.pool, [&](pqxx::work& tx) {
    return f.store.Record(tx, t.id(), 0, event_type::kIntakePossibleDuplicate, wrong, f.actor);
  });
  CHECK(mismatched.status().code() == absl::StatusCode::kInternal);
  CHECK(f.Count("SELECT count(*) FROM ticket_events") == 1);
  CHECK(f.Count("SELECT version FROM tickets") == 1);
}

}  // namespace
}  // namespace hotline::ticketstore
