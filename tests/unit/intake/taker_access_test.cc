// Need-to-know for front-ends: a console reads in full only the tickets its own credential took,
// for a while, wherever they lie; it adds to and withdraws only those.
#include <catch2/catch.hpp>

#include "services/intake/app/caller_actions.h"
#include "services/intake/app/ticket_lookup.h"
#include "tests/unit/intake/fakes/use_case_fixture.h"

namespace hotline::intake {
namespace {

namespace common = hotline::common::v1;
using testing::UseCaseFixture;

struct TakerFixture : UseCaseFixture {
  TicketLookup lookup{transactions, tickets, records, links, clock, absl::Hours(72)};
  CallerActions actions{transactions, tickets};

  // A ticket about `region` taken by `taker`.
  common::Ticket Taken(const std::string& region, const common::Actor& taker) {
    common::Ticket draft;
    draft.mutable_region()->set_code(region);
    draft.set_content("小区停水三天");
    draft.mutable_caller()->set_name("李明");
    draft.mutable_caller()->set_phone("13812345678");
    Transaction tx;
    return *tickets.Create(tx, draft, taker, {});
  }
};

common::Actor Console(const std::string& name, const std::string& jurisdiction) {
  common::Actor actor = UseCaseFixture::Actor(jurisdiction);
  actor.set_principal(name);
  return actor;
}

TEST_CASE("a console reads in full what it took, for a while, and the rest masked",
          "[taker_access]") {
  TakerFixture f;
  const common::Actor taker = Console("console-01", "5301");
  const common::Ticket t = f.Taken("530102", taker);

  auto own = f.lookup.Get(taker, ReadAccess::kFullIfTakenRecently, t.number());
  REQUIRE(own.ok());
  CHECK_FALSE(own->masked);
  CHECK(own->ticket.caller().phone() == "13812345678");
  CHECK(f.records.audit().size() == 1);

  auto neighbour =
      f.lookup.Get(Console("console-02", "5301"), ReadAccess::kFullIfTakenRecently, t.number());
  REQUIRE(neighbour.ok());
  CHECK(neighbour->masked);
  CHECK(neighbour->ticket.caller().phone() == "138****5678");

  f.clock.Advance(absl::Hours(73));
  auto later = f.lookup.Get(taker, ReadAccess::kFullIfTakenRecently, t.number());
  REQUIRE(later.ok());
  CHECK(later->masked);
  CHECK(f.records.audit().size() == 1);  // masked reads are not audited
}

TEST_CASE("a console reads back what it took outside its jurisdiction, nobody else there does",
          "[taker_access]") {
  TakerFixture f;
  // A Qujing agent takes a call about Wuhua district (Kunming): the ticket is transferred or
  // dispatched elsewhere, and the agent still looks it up.
  const common::Actor qujing = Console("console-qj", "5303");
  const common::Ticket t = f.Taken("530102", qujing);
  auto own = f.lookup.Get(qujing, ReadAccess::kFullIfTakenRecently, t.number());
  REQUIRE(own.ok());
  CHECK_FALSE(own->masked);

  const absl::Status other =
      f.lookup.Get(Console("console-qj2", "5303"), ReadAccess::kFullIfTakenRecently, t.number())
          .status();
  const absl::Status absent =
      f.lookup.Get(Console("console-qj2", "5303"), ReadAccess::kFullIfTakenRecently, "5301-F-999")
          .status();
  CHECK(other.code() == absl::StatusCode::kNotFound);
  CHECK(other == absent);
}

TEST_CASE("a console adds to and withdraws only what it took", "[taker_access]") {
  TakerFixture f;
  const common::Actor taker = Console("console-01", "5301");
  const common::Ticket t = f.Taken("530102", taker);
  const common::Actor neighbour = Console("console-02", "5301");

  AddSupplementCommand supplement;
  supplement.ticket_number = t.number();
  supplement.content = "隔壁楼也停水了";
  CHECK(f.actions.AddSupplement(neighbour, supplement, TicketScope::kOwnSubmissions)
            .status()
            .code() == absl::StatusCode::kNotFound);
  CHECK(f.actions.Withdraw(neighbour, {t.number(), "不需要了", 0}, TicketScope::kOwnSubmissions)
            .status()
            .code() == absl::StatusCode::kNotFound);
  CHECK(f.tickets.EventTypes(t.id()).size() == 1);  // only its creation

  CHECK(f.actions.AddSupplement(taker, supplement, TicketScope::kOwnSubmissions).ok());
  CHECK(
      f.actions.Withdraw(taker, {t.number(), "已自行解决", 0}, TicketScope::kOwnSubmissions).ok());
  // The hotline office acts by jurisdiction, whoever took it.
  const common::Ticket other = f.Taken("530102", taker);
  CHECK(f.actions
            .Withdraw(UseCaseFixture::Actor("5301", common::ROLE_SUPERVISOR),
                      {other.number(), "来电人撤回", 0}, TicketScope::kJurisdiction)
            .ok());
}

}  // namespace
}  // namespace hotline::intake
