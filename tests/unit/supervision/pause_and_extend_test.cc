// Suspension (挂起) and extension (延期) over fakes: who suspends at once and whose request waits,
// the office's decisions, and extensions asked before and after the handling deadline.
#include "services/supervision/app/pause_and_extend.h"

#include <catch2/catch.hpp>

#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"
#include "tests/unit/supervision/supervision_world.h"

namespace hotline::supervision::testing {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::supervision::v1;

const std::string kLead = "530102-education";

TEST_CASE("the office suspends at once and resuming brings the ticket back", "[supervision]") {
  SupervisionWorld w;
  PauseAndExtend uc(w.ctx, w.requests);
  const common::Ticket t = w.Ticket(common::TICKET_STATE_IN_PROGRESS);

  auto suspended = uc.Suspend({t.number(), "awaiting a site survey", w.Office()}, AsOffice());
  REQUIRE(suspended.ok());
  CHECK(suspended->suspended);
  CHECK(suspended->request_id == 0);
  CHECK(w.StateOf(t.id()) == common::TICKET_STATE_SUSPENDED);
  CHECK(w.requests.suspensions().empty());

  auto resumed = uc.Resume({t.number(), "", w.Office()}, AsOffice());
  REQUIRE(resumed.ok());
  CHECK(*resumed == common::TICKET_STATE_IN_PROGRESS);
}

TEST_CASE("a lead unit's suspension waits for the office's decision", "[supervision]") {
  SupervisionWorld w;
  PauseAndExtend uc(w.ctx, w.requests);
  const common::Ticket t = w.Ticket(common::TICKET_STATE_IN_PROGRESS);

  auto asked = uc.Suspend({t.number(), "awaiting a site survey", w.Unit(kLead)}, AsLeadUnit());
  REQUIRE(asked.ok());
  CHECK_FALSE(asked->suspended);
  REQUIRE(asked->request_id > 0);
  CHECK(w.requests.suspensions().at(asked->request_id).draft.requested_by == kLead);
  CHECK(w.StateOf(t.id()) == common::TICKET_STATE_IN_PROGRESS);

  SECTION("approved: suspended") {
    auto state = uc.DecideSuspension({asked->request_id, true, "", w.Office()}, AsOffice());
    REQUIRE(state.ok());
    CHECK(*state == common::TICKET_STATE_SUSPENDED);
    CHECK(w.requests.suspensions().at(asked->request_id).state == v1::EXTENSION_STATE_APPROVED);

    auto again = uc.DecideSuspension({asked->request_id, true, "", w.Office()}, AsOffice());
    CHECK(absl::IsFailedPrecondition(again.status()));
  }
  SECTION("rejected: the ticket stays where it was") {
    auto state =
        uc.DecideSuspension({asked->request_id, false, "not needed", w.Office()}, AsOffice());
    REQUIRE(state.ok());
    CHECK(*state == common::TICKET_STATE_IN_PROGRESS);
    CHECK(w.requests.suspensions().at(asked->request_id).state == v1::EXTENSION_STATE_REJECTED);
  }
  SECTION("a caller the gate refuses changes nothing") {
    auto state = uc.DecideSuspension({asked->request_id, true, "", w.Office()}, Denied());
    CHECK(absl::IsPermissionDenied(state.status()));
    CHECK(w.requests.suspensions().at(asked->request_id).state == v1::EXTENSION_STATE_PENDING);
  }
  SECTION("an unknown request") {
    auto state = uc.DecideSuspension({asked->request_id + 100, true, "", w.Office()}, AsOffice());
    CHECK(absl::IsNotFound(state.status()));
  }
}

TEST_CASE("a lead unit suspends at once when the policy needs no approval", "[supervision]") {
  SupervisionWorld w;
  w.policy().suspension_needs_approval = false;
  w.SettingsChanged();
  PauseAndExtend uc(w.ctx, w.requests);
  const common::Ticket t = w.Ticket(common::TICKET_STATE_IN_PROGRESS);
  auto suspended = uc.Suspend({t.number(), "awaiting a site survey", w.Unit(kLead)}, AsLeadUnit());
  REQUIRE(suspended.ok());
  CHECK(suspended->suspended);
  CHECK(w.StateOf(t.id()) == common::TICKET_STATE_SUSPENDED);
}

TEST_CASE("a suspension request the office could never approve is refused", "[supervision]") {
  SupervisionWorld w;
  PauseAndExtend uc(w.ctx, w.requests);
  const common::Ticket t = w.Ticket(common::TICKET_STATE_CLOSED);
  auto asked = uc.Suspend({t.number(), "too late", w.Unit(kLead)}, AsLeadUnit());
  CHECK(absl::IsFailedPrecondition(asked.status()));
  CHECK(w.requests.suspensions().empty());
  CHECK(absl::IsPermissionDenied(uc.Suspend({t.number(), "x", w.Office()}, Denied()).status()));
}

TEST_CASE("an extension is asked before the handling deadline", "[supervision]") {
  SupervisionWorld w;
  PauseAndExtend uc(w.ctx, w.requests);
  const common::Ticket t = w.Ticket(common::TICKET_STATE_IN_PROGRESS);
  const absl::Time due = Cst(2026, 12, 14, 17, 30);
  const auto wanted = ToTimestamp(Cst(2026, 12, 18, 17, 30));

  SECTION("no handling clock") {
    auto asked = uc.RequestExtension({t.number(), "survey", wanted, w.Unit(kLead)}, AsLeadUnit());
    CHECK(absl::IsFailedPrecondition(asked.status()));
  }
  SECTION("before the due time: stored, pending") {
    w.Handling(t, kLead, due);
    auto asked = uc.RequestExtension({t.number(), "survey", wanted, w.Unit(kLead)}, AsLeadUnit());
    REQUIRE(asked.ok());
    CHECK(asked->state() == v1::EXTENSION_STATE_PENDING);
    CHECK(asked->unit_id() == kLead);
    CHECK(asked->ticket_number() == t.number());
    CHECK(w.requests.extensions().count(asked->id()) == 1);
  }
  SECTION("not later than the current due time") {
    w.Handling(t, kLead, due);
    auto asked =
        uc.RequestExtension({t.number(), "survey", ToTimestamp(due), w.Unit(kLead)}, AsLeadUnit());
    CHECK(absl::IsInvalidArgument(asked.status()));
    CHECK(w.requests.extensions().empty());
  }
  SECTION("after the due time: refused") {
    w.Handling(t, kLead, due);
    w.clock.Set(due + absl::Minutes(1));
    auto asked = uc.RequestExtension({t.number(), "survey", wanted, w.Unit(kLead)}, AsLeadUnit());
    CHECK(absl::IsFailedPrecondition(asked.status()));
    CHECK(w.requests.extensions().empty());
  }
}

TEST_CASE("the office decides an extension", "[supervision]") {
  SupervisionWorld w;
  PauseAndExtend uc(w.ctx, w.requests);
  const common::Ticket t = w.Ticket(common::TICKET_STATE_IN_PROGRESS);
  const absl::Time due = Cst(2026, 12, 14, 17, 30);
  const absl::Time wanted = Cst(2026, 12, 18, 17, 30);
  const ClockRow handling = w.Handling(t, kLead, due);
  auto asked =
      uc.RequestExtension({t.number(), "survey", ToTimestamp(wanted), w.Unit(kLead)}, AsLeadUnit());
  REQUIRE(asked.ok());

  SECTION("approved: the handling clock moves, both events written") {
    auto decided = uc.DecideExtension({asked->id(), true, "", w.Office()}, AsOffice());
    REQUIRE(decided.ok());
    CHECK(decided->request.state() == v1::EXTENSION_STATE_APPROVED);
    REQUIRE(decided->handling.has_value());
    CHECK(FromTimestamp(decided->handling->due_at()) == wanted);
    const ClockRow& stored = w.clocks.rows().at(handling.id);
    CHECK(stored.due_at == wanted);
    CHECK(stored.extensions == 1);
    CHECK(w.tickets.EventTypes(t.id()) ==
          std::vector<std::string>{event_type::kSupervisionExtensionDecided,
                                   event_type::kSupervisionClocksChanged});
    auto again = uc.DecideExtension({asked->id(), true, "", w.Office()}, AsOffice());
    CHECK(absl::IsFailedPrecondition(again.status()));
  }
  SECTION("rejected: the due time stays, the decision is announced") {
    auto decided =
        uc.DecideExtension({asked->id(), false, "not justified", w.Office()}, AsOffice());
    REQUIRE(decided.ok());
    CHECK(decided->request.state() == v1::EXTENSION_STATE_REJECTED);
    CHECK(decided->request.decision_reason() == "not justified");
    CHECK_FALSE(decided->handling.has_value());
    CHECK(w.clocks.rows().at(handling.id).due_at == due);
    CHECK(w.tickets.EventTypes(t.id()) ==
          std::vector<std::string>{event_type::kSupervisionExtensionDecided});
  }
  SECTION("decided after the due time still applies") {
    w.clock.Set(due + absl::Hours(1));
    auto decided = uc.DecideExtension({asked->id(), true, "", w.Office()}, AsOffice());
    REQUIRE(decided.ok());
    CHECK(w.clocks.rows().at(handling.id).due_at == wanted);
  }
}

}  // namespace
}  // namespace hotline::supervision::testing
