// The objection review (派单异议审核) → objections raised, upheld and rejected, and designations,
// each counted for its unit: the office's decisions show against the units that objected.
#include <catch2/catch.hpp>

#include "tests/unit/reporting/ledger.h"

namespace hotline::reporting {
namespace {

constexpr char kUnit[] = "530102-education";
constexpr char kOther[] = "530103-education";

TEST_CASE("An objection is counted when raised, then as upheld or rejected for its unit") {
  Ledger ledger;
  EventScript s(1, At(2027, 2, 3, 9, 0));
  REQUIRE(ledger.Apply(s.Created("530102", "education/fees")));
  REQUIRE(ledger.Apply(s.Dispatched(kUnit, 11)));
  REQUIRE(ledger.Apply(s.ObjectionRaised(kUnit, 11)));
  REQUIRE(ledger.Apply(s.ObjectionDecided(kUnit, 11, /*upheld=*/false)));
  CHECK(ledger.Unit(Counter::kObjectionsRaised, kUnit) == 1);
  CHECK(ledger.Unit(Counter::kObjectionsRejected, kUnit) == 1);
  CHECK(ledger[Counter::kObjectionsUpheld] == 0);
  CHECK(ledger.Day(Counter::kObjectionsRaised, "2027-02-03") == 1);

  s.Advance(absl::Hours(1));
  REQUIRE(ledger.Apply(s.ObjectionRaised(kOther, 21)));
  REQUIRE(ledger.Apply(s.ObjectionDecided(kOther, 21, /*upheld=*/true)));
  CHECK(ledger.Unit(Counter::kObjectionsUpheld, kOther) == 1);
  CHECK(ledger[Counter::kObjectionsRaised] == 2);
  CHECK(ledger[Counter::kObjectionsRejected] == 1);
}

TEST_CASE("A designation is counted for the designated unit") {
  Ledger ledger;
  EventScript s(2, At(2027, 2, 3, 9, 0));
  REQUIRE(ledger.Apply(s.Created("530102", "education/fees")));
  REQUIRE(ledger.Apply(s.Designated(kUnit, 41)));
  CHECK(ledger.Unit(Counter::kDesignated, kUnit) == 1);
  CHECK(ledger[Counter::kDesignated] == 1);
}

TEST_CASE("The objection counters have stable names for the indicator catalogue") {
  CHECK(CounterName(Counter::kObjectionsRaised) == "objections_raised");
  CHECK(CounterFromName("objections_upheld") == Counter::kObjectionsUpheld);
  CHECK(CounterFromName("objections_rejected") == Counter::kObjectionsRejected);
  CHECK(CounterFromNumber(51) == Counter::kDesignated);
}

}  // namespace
}  // namespace hotline::reporting
