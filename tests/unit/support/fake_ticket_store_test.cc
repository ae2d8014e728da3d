#include "tests/support/fake_ticket_store.h"

#include <catch2/catch.hpp>

#include "hotline/intake/v1/intake.pb.h"
#include "libs/domain/event_types.h"

namespace hotline::testing {
namespace {

namespace v1 = hotline::common::v1;
using domain::TicketAction;

// The fake stands in for PgTicketStore in use-case tests, so it must refuse what the real one
// refuses; these cases mirror tests/integration/ticketstore.
TEST_CASE("the fake ticket store keeps the lifecycle, versions and the event contract", "[fakes]") {
  FakeClock clock(absl::FromUnixSeconds(1'800'000'000));
  FakeTicketStore fake("5301", clock);
  FakeTransactionRunner runner;
  runner.Track(fake);
  const ticketstore::TicketStore& store = fake;  // as use cases hold it
  v1::Actor actor;
  actor.set_principal("test");

  auto created = runner.RunFor<v1::Ticket>([&](Transaction& tx) {
    return store.Create(tx, v1::Ticket(), actor, {{TicketAction::kAccept, {"scope.ok"}}});
  });
  REQUIRE(created.ok());
  CHECK(created->state() == v1::TICKET_STATE_PENDING_DISPATCH);
  CHECK(created->version() == 2);
  CHECK(fake.EventTypes(created->id()) ==
        std::vector<std::string>{"ticket.created", "ticket.state_changed"});

  // An illegal action, a stale version, a missing ticket, an event outside the contract.
  auto illegal = runner.RunFor<v1::Ticket>([&](Transaction& tx) {
    return store.Apply(tx, created->id(), 0, TicketAction::kSign, actor);
  });
  CHECK(illegal.status().code() == absl::StatusCode::kFailedPrecondition);
  hotline::intake::v1::PossibleDuplicate note;
  auto stale = runner.RunFor<v1::Ticket>([&](Transaction& tx) {
    return store.Record(tx, created->id(), 1, event_type::kIntakePossibleDuplicate, note, actor);
  });
  CHECK(stale.status().code() == absl::StatusCode::kAborted);
  auto missing = runner.RunFor<v1::Ticket>([&](Transaction& tx) { return store.Get(tx, 999); });
  CHECK(missing.status().code() == absl::StatusCode::kNotFound);
  auto unknown = runner.RunFor<v1::Ticket>(
      [&](Transaction& tx) { return store.Record(tx, created->id(), 0, "made.up", note, actor); });
  CHECK(unknown.status().code() == absl::StatusCode::kInternal);
  CHECK(fake.events().size() == 2);

  // A body that fails after writing leaves nothing behind, as a rolled-back transaction.
  absl::Status failed = runner.Run([&](Transaction& tx) {
    auto dispatched = store.Apply(tx, created->id(), 0, TicketAction::kDispatch, actor);
    REQUIRE(dispatched.ok());
    return absl::AbortedError("the service's own write failed");
  });
  CHECK(failed.code() == absl::StatusCode::kAborted);
  CHECK(runner.rollbacks() == 5);
  Transaction tx;
  CHECK(store.Get(tx, created->id())->state() == v1::TICKET_STATE_PENDING_DISPATCH);
  CHECK(store.History(tx, created->id()).size() == 2);
}

}  // namespace
}  // namespace hotline::testing
