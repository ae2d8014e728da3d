// The routing rules around other instances (delegated places, other jurisdictions) and the
// directory snapshot's packing of places.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "services/routing/rules/routing_rules.h"
#include "tests/unit/routing/rules_directory.h"

namespace hotline::routing {
namespace {

using domain::Tier;
using testing::Code;
using testing::TestDirectory;

TEST_CASE("the province transfers out a place that a prefecture instance serves", "[routing]") {
  const auto dir = TestDirectory();
  const std::vector<DelegatedRegion> delegated = {
      {"5303", "5303"}, {"5301", "5301"}, {"530124", "530124"}};
  RoutingInput input{"education/enrolment", Code("530102"), false, false, {}};
  input.delegated_regions = delegated;
  const Decision d = Route(*dir, "53", input);
  CHECK(d.outcome == Outcome::kTransferredOut);
  CHECK(std::string(d.reason_code) == "routing.delegated_to_instance");
  CHECK(d.units.empty());
  REQUIRE(d.delegated != nullptr);
  CHECK(d.delegated->instance_code == "5301");
  CHECK(DecisionReasonText(*dir, d, input) ==
        "place 530102 is served by instance 5301 (its own hotline): for provincial transfer");

  // The narrowest delegation wins.
  input.region = Code("530124100");
  CHECK(Route(*dir, "53", input).delegated->instance_code == "530124");

  // Emergencies too: the 12349 chain of the place belongs to that instance.
  RoutingInput emergency{"minor-protection/abuse", Code("530102001001"), true, true, {}};
  emergency.delegated_regions = delegated;
  CHECK(std::string(Route(*dir, "53", emergency).reason_code) == "routing.delegated_to_instance");

  // A provincial department's matter stays with the province: Kunming only sent it up.
  RoutingInput provincial{"public-security/exit-entry", Code("530102"), false, false, {}};
  provincial.delegated_regions = delegated;
  const Decision here = Route(*dir, "53", provincial);
  CHECK(here.outcome == Outcome::kDispatched);
  REQUIRE(here.units.size() == 1);
  CHECK(dir->IdOf(*here.units[0].unit) == "53-public-security");

  // A place no instance serves is dispatched as before.
  RoutingInput undelegated{"education/enrolment", Code("530102"), false, false, {}};
  const std::vector<DelegatedRegion> qujing = {{"5303", "5303"}};
  undelegated.delegated_regions = qujing;
  CHECK(Route(*dir, "53", undelegated).outcome == Outcome::kDispatched);
}

TEST_CASE("outside the jurisdiction stays the reason whatever is delegated", "[routing]") {
  const auto dir = TestDirectory();
  const std::vector<DelegatedRegion> delegated = {{"5303", "5303"}};
  RoutingInput input{"education/enrolment", Code("530302"), false, false, {}};
  input.delegated_regions = delegated;
  // At Kunming a place in Qujing is simply outside: Kunming sends it to the province.
  const Decision d = Route(*dir, "5301", input);
  CHECK(std::string(d.reason_code) == "routing.outside_jurisdiction");
  CHECK(d.delegated == nullptr);
}

TEST_CASE("area kind from the county segment", "[routing]") {
  CHECK(AreaKindOf(Code("530102")) == AreaKind::kUrbanDistrict);
  CHECK(AreaKindOf(Code("530120001")) == AreaKind::kUrbanDistrict);
  CHECK(AreaKindOf(Code("530121")) == AreaKind::kCounty);
  CHECK(AreaKindOf(Code("530181")) == AreaKind::kCounty);
  CHECK(AreaKindOf(Code("5301")) == AreaKind::kAny);
}

TEST_CASE("snapshot packs regions and finds units by place", "[routing]") {
  const auto dir = TestDirectory();
  CHECK(PackRegion(Code("5301")) == 530100000000ULL);
  CHECK(AncestorAt(530102001001ULL, Tier::kCounty) == 530102000000ULL);
  CHECK(AncestorAt(530102001001ULL, Tier::kVillage) == 530102001001ULL);
  const DeptId civil = dir->DepartmentId("civil-affairs").value();
  const auto match = dir->UnitAt(PackRegion(Code("530102")), civil);
  REQUIRE(match.count == 1);
  CHECK(dir->IdOf(*match.unit) == "530102-civil-affairs");
  CHECK(
      dir->UnitAt(PackRegion(Code("530124")), dir->DepartmentId("public-security").value()).count ==
      2);
  CHECK(dir->KnowsRegion(PackRegion(Code("530102001001"))));
  CHECK_FALSE(dir->KnowsRegion(PackRegion(Code("530102999"))));
  CHECK(dir->MemoryBytes() > 0);
  CHECK(dir->version() == 7);
}

}  // namespace
}  // namespace hotline::routing
