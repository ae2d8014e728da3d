// The event → counter deltas rules for supervision's events: on-time signing and closing judged
// by the due times and the ladder, the ladder counted against units, follow-ups and levels.
#include <catch2/catch.hpp>

#include "tests/unit/reporting/ledger.h"

namespace hotline::reporting {
namespace {

namespace common = hotline::common::v1;
namespace sv = hotline::supervision::v1;

TEST_CASE("A sign-for clock that went overdue makes the signing late") {
  Ledger ledger;
  EventScript s(1, At(2026, 12, 1, 10, 0));
  REQUIRE(ledger.Apply(s.Created("5301", "urban/roads")));
  REQUIRE(ledger.Apply(s.State(kReceived, kPending)));
  REQUIRE(ledger.Apply(s.Dispatched("unit-a", 100)));
  REQUIRE(ledger.Apply(s.ClockStarted(sv::CLOCK_KIND_SIGN_FOR, s.now() + absl::Hours(2), 100)));
  s.Advance(absl::Hours(2));
  REQUIRE(
      ledger.Apply(s.Step(sv::ESCALATION_STEP_OVERDUE, sv::CLOCK_KIND_SIGN_FOR, "unit-a", 100)));
  s.Advance(absl::Minutes(10));
  REQUIRE(ledger.Apply(s.Signed("unit-a", 100)));
  CHECK(ledger.Unit(Counter::kSignOverdue, "unit-a") == 1);
  CHECK(ledger[Counter::kLeadSigned] == 1);
  CHECK(ledger[Counter::kLeadSignedOnTime] == 0);
}

TEST_CASE("Signed after the due time without an overdue step is still late") {
  Ledger ledger;
  EventScript s(1, At(2026, 12, 1, 10, 0));
  REQUIRE(ledger.Apply(s.Created("5301", "urban/roads")));
  REQUIRE(ledger.Apply(s.Dispatched("unit-a", 100)));
  REQUIRE(ledger.Apply(s.ClockStarted(sv::CLOCK_KIND_SIGN_FOR, s.now() + absl::Hours(1), 100)));
  s.Advance(absl::Hours(1) + absl::Seconds(1));
  REQUIRE(ledger.Apply(s.Signed("unit-a", 100)));
  CHECK(ledger[Counter::kLeadSignedOnTime] == 0);
}

TEST_CASE(
    "The ladder is counted against the unit, and an overdue handling clock makes the "
    "closing late") {
  Ledger ledger;
  EventScript s(1, At(2026, 12, 1, 10, 0));
  REQUIRE(ledger.Apply(s.Created("5301", "urban/roads")));
  REQUIRE(ledger.Apply(s.Dispatched("unit-a", 100)));
  REQUIRE(ledger.Apply(s.Signed("unit-a", 100)));
  REQUIRE(ledger.Apply(s.Step(sv::ESCALATION_STEP_WARNING, sv::CLOCK_KIND_HANDLING, "unit-a")));
  REQUIRE(ledger.Apply(s.Step(sv::ESCALATION_STEP_OVERDUE, sv::CLOCK_KIND_HANDLING, "unit-a")));
  REQUIRE(ledger.Apply(s.Step(sv::ESCALATION_STEP_URGING, sv::CLOCK_KIND_HANDLING, "unit-a")));
  REQUIRE(ledger.Apply(s.Step(sv::ESCALATION_STEP_ESCALATION, sv::CLOCK_KIND_HANDLING, "unit-a")));
  REQUIRE(ledger.Apply(s.Extension(true)));
  REQUIRE(ledger.Apply(s.Extension(false)));
  REQUIRE(ledger.Apply(s.Replied("unit-a")));
  REQUIRE(ledger.Apply(s.State(kRepliedState, kClosedState)));
  CHECK(ledger.Unit(Counter::kWarned, "unit-a") == 1);
  CHECK(ledger.Unit(Counter::kOverdue, "unit-a") == 1);
  CHECK(ledger.Unit(Counter::kUrged, "unit-a") == 1);
  CHECK(ledger.Unit(Counter::kEscalated, "unit-a") == 1);
  CHECK(ledger[Counter::kExtensionsGranted] == 1);
  CHECK(ledger[Counter::kExtensionsRefused] == 1);
  CHECK(ledger[Counter::kClosed] == 1);
  CHECK(ledger[Counter::kClosedOnTime] == 0);
}

TEST_CASE("A reply after the handling due time makes the closing late") {
  Ledger ledger;
  EventScript s(1, At(2026, 12, 1, 10, 0));
  REQUIRE(ledger.Apply(s.Created("5301", "urban/roads")));
  REQUIRE(ledger.Apply(s.Dispatched("unit-a", 100)));
  REQUIRE(ledger.Apply(s.ClockStarted(sv::CLOCK_KIND_HANDLING, s.now() + absl::Hours(3))));
  s.Advance(absl::Hours(4));
  REQUIRE(ledger.Apply(s.Replied("unit-a")));
  REQUIRE(ledger.Apply(s.State(kRepliedState, kClosedState)));
  CHECK(ledger[Counter::kClosedOnTime] == 0);
}

TEST_CASE("Follow-ups: each satisfaction level, unreachable calls only as calls") {
  Ledger ledger;
  EventScript s(1, At(2026, 12, 1, 10, 0));
  REQUIRE(ledger.Apply(s.Created("5301", "urban/roads")));
  REQUIRE(ledger.Apply(s.FollowedUp(false, 0, false)));
  for (int level = 1; level <= 5; ++level) {
    REQUIRE(ledger.Apply(s.FollowedUp(true, level, level <= 3)));
  }
  REQUIRE(ledger.Apply(s.FollowedUp(true, 0, true)));
  CHECK(ledger[Counter::kFollowUpCalls] == 7);
  CHECK(ledger[Counter::kFollowedUp] == 6);
  CHECK(ledger[Counter::kEvaluated] == 5);
  CHECK(ledger[Counter::kResolved] == 4);
  for (Counter c : {Counter::kVerySatisfied, Counter::kSatisfied, Counter::kBasicallySatisfied,
                    Counter::kDissatisfied, Counter::kVeryDissatisfied}) {
    CHECK(ledger[c] == 1);
  }
}

}  // namespace
}  // namespace hotline::reporting
