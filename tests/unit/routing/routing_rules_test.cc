// The routing rules over a table of cases: each tier, lead and co-handlers, ties, unknown places,
// other jurisdictions, provincial departments, the 12349 emergency chain and returns.
#include "services/routing/rules/routing_rules.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace hotline::routing {
namespace {

using domain::Tier;

struct RuleSpec {
  int64_t id;
  std::string category;
  std::string region;
  AreaKind area;
  Tier tier;
  std::vector<std::string> departments;
  int priority;
};

// Kunming (5301): Wuhua, an urban district (530102), with a street and a community below it;
// Fumin (530124), a county, with a town below it. Some gaps and a duplicate on purpose.
std::shared_ptr<const DirectorySnapshot> TestDirectory() {
  DirectorySnapshot::Builder b;
  for (const char* code : {"civil-affairs", "education", "public-security", "urban-management"}) {
    b.AddDepartment(code);
  }
  for (const char* code : {"government", "township-government", "village-committee",
                           "child-supervisor", "child-director", "minor-protection-centre"}) {
    b.AddDepartment(code);
  }
  const std::vector<std::pair<std::string, std::string>> units = {
      {"53", "civil-affairs"},
      {"53", "public-security"},
      {"53", "government"},
      {"5301", "civil-affairs"},
      {"5301", "education"},
      {"5301", "minor-protection-centre"},
      {"5301", "government"},
      {"530102", "civil-affairs"},
      {"530102", "education"},
      {"530102", "urban-management"},
      {"530102", "public-security"},
      {"530124", "civil-affairs"},
      {"530124", "public-security"},
      {"530102001", "township-government"},
      {"530102001", "child-supervisor"},
      {"530102001001", "village-committee"},
      {"530102001001", "child-director"},
      {"530124100", "township-government"},
      {"530124100", "child-supervisor"},
  };
  for (const auto& [region, dept] : units) {
    REQUIRE(b.AddUnit(region + "-" + dept, "unit " + region, region, dept).ok());
  }
  // Two public-security units for Fumin: which one is not for routing to guess.
  REQUIRE(b.AddUnit("530124-public-security-2", "second", "530124", "public-security").ok());

  const std::vector<RuleSpec> rules = {
      {1, "education", "", AreaKind::kAny, Tier::kCounty, {"education", "civil-affairs"}, 100},
      {2, "education/enrolment", "", AreaKind::kAny, Tier::kCounty, {"education"}, 100},
      {3,
       "urban-management/sanitation",
       "",
       AreaKind::kUrbanDistrict,
       Tier::kCounty,
       {"urban-management"},
       100},
      {4,
       "urban-management/sanitation",
       "",
       AreaKind::kCounty,
       Tier::kTownship,
       {"township-government"},
       100},
      {5, "labour", "", AreaKind::kAny, Tier::kCounty, {"civil-affairs"}, 100},
      {6, "labour", "", AreaKind::kAny, Tier::kCounty, {"education"}, 100},
      {7,
       "public-security/exit-entry",
       "",
       AreaKind::kAny,
       Tier::kProvince,
       {"public-security"},
       100},
      {8,
       "minor-protection",
       "",
       AreaKind::kAny,
       Tier::kCounty,
       {"civil-affairs", "education"},
       100},
      {9, "transport", "530124", AreaKind::kAny, Tier::kCounty, {"public-security"}, 100},
      {10, "housing", "", AreaKind::kAny, Tier::kPrefecture, {"civil-affairs"}, 50},
      {11, "housing", "", AreaKind::kAny, Tier::kPrefecture, {"education"}, 100},
      {12, "health", "5301", AreaKind::kAny, Tier::kCounty, {"civil-affairs"}, 100},
      {13, "health", "", AreaKind::kAny, Tier::kCounty, {"education"}, 100},
      {14, "social", "", AreaKind::kAny, Tier::kCounty, {"civil-affairs"}, 100},
      {15, "social", "", AreaKind::kAny, Tier::kCounty, {"civil-affairs"}, 100},
  };
  for (const RuleSpec& r : rules) {
    REQUIRE(
        b.AddRule(r.id, r.category, r.region, r.area, r.tier, r.departments, r.priority, "").ok());
  }
  return std::move(b).Build(7, absl::UnixEpoch(), absl::ZeroDuration());
}

domain::RegionCode Code(const std::string& text) { return domain::RegionCode::Parse(text).value(); }

struct Expected {
  Outcome outcome;
  std::string reason_code;
  // "unit-id:L" lead, ":C" co-handler, ":N1".. notified in order.
  std::vector<std::string> units;
};

std::vector<std::string> Units(const DirectorySnapshot& dir, const Decision& d) {
  std::vector<std::string> out;
  for (const ChosenUnit& u : d.units) {
    std::string role = u.role == domain::AssignmentRole::kLead ? "L"
                       : u.role == domain::AssignmentRole::kCoHandler
                           ? "C"
                           : "N" + std::to_string(u.notify_order);
    out.push_back(std::string(dir.IdOf(*u.unit)) + ":" + role);
  }
  return out;
}

TEST_CASE("routing decisions over a table of cases", "[routing]") {
  const auto dir = TestDirectory();
  struct Case {
    std::string name;
    std::string jurisdiction;
    std::string category;
    std::string region;
    bool minor;
    bool emergency;
    std::vector<std::string> excluded;
    Expected expected;
  };
  const std::vector<Case> cases = {
      {"county rule from a village: lead and co-handler of the county",
       "53",
       "education/fees",
       "530102001001",
       false,
       false,
       {},
       {Outcome::kDispatched,
        "routing.dispatched",
        {"530102-education:L", "530102-civil-affairs:C"}}},
      {"more specific category wins",
       "53",
       "education/enrolment",
       "530102",
       false,
       false,
       {},
       {Outcome::kDispatched, "routing.dispatched", {"530102-education:L"}}},
      {"urban district rule",
       "53",
       "urban-management/sanitation",
       "530102001",
       false,
       false,
       {},
       {Outcome::kDispatched, "routing.dispatched", {"530102-urban-management:L"}}},
      {"county area rule goes to the township",
       "53",
       "urban-management/sanitation",
       "530124100",
       false,
       false,
       {},
       {Outcome::kDispatched, "routing.dispatched", {"530124100-township-government:L"}}},
      {"two rules tie",
       "53",
       "labour/wages",
       "530102",
       false,
       false,
       {},
       {Outcome::kManualQueue, "routing.rule_tie", {}}},
      {"identical rules are no tie",
       "53",
       "social",
       "530102",
       false,
       false,
       {},
       {Outcome::kDispatched, "routing.dispatched", {"530102-civil-affairs:L"}}},
      {"no rule",
       "53",
       "general/other",
       "530102",
       false,
       false,
       {},
       {Outcome::kManualQueue, "routing.no_rule", {}}},
      {"unknown place",
       "53",
       "education/fees",
       "530102999",
       false,
       false,
       {},
       {Outcome::kManualQueue, "routing.unknown_region", {}}},
      {"outside the instance",
       "5301",
       "education/fees",
       "530302",
       false,
       false,
       {},
       {Outcome::kTransferredOut, "routing.outside_jurisdiction", {}}},
      {"provincial department from a prefecture instance",
       "5301",
       "public-security/exit-entry",
       "530102",
       false,
       false,
       {},
       {Outcome::kTransferredOut, "routing.provincial_department", {}}},
      {"provincial department at the provincial platform",
       "53",
       "public-security/exit-entry",
       "530102",
       false,
       false,
       {},
       {Outcome::kDispatched, "routing.dispatched", {"53-public-security:L"}}},
      {"no unit at the rule's tier: the enclosing division's",
       "53",
       "education/fees",
       "530124100",
       false,
       false,
       {},
       {Outcome::kDispatched,
        "routing.dispatched",
        {"5301-education:L", "530124-civil-affairs:C"}}},
      {"never above the instance's own level",
       "530124",
       "education/fees",
       "530124100",
       false,
       false,
       {},
       {Outcome::kManualQueue, "routing.no_unit", {}}},
      {"several units of the lead department",
       "53",
       "transport/roads",
       "530124100",
       false,
       false,
       {},
       {Outcome::kManualQueue, "routing.no_unit", {}}},
      {"lower priority number wins",
       "53",
       "housing",
       "530102",
       false,
       false,
       {},
       {Outcome::kDispatched, "routing.dispatched", {"5301-civil-affairs:L"}}},
      {"returned: the next rule",
       "53",
       "housing",
       "530102",
       false,
       false,
       {"5301-civil-affairs"},
       {Outcome::kDispatched, "routing.dispatched", {"5301-education:L"}}},
      {"returned: no other rule leads",
       "53",
       "education/enrolment",
       "530102",
       false,
       false,
       {"530102-education"},
       {Outcome::kManualQueue, "routing.no_unit", {}}},
      {"returning co-handler is dropped",
       "53",
       "education/fees",
       "530102",
       false,
       false,
       {"530102-civil-affairs"},
       {Outcome::kDispatched, "routing.dispatched", {"530102-education:L"}}},
      {"region prefix rule is more specific",
       "53",
       "health/clinics",
       "530102",
       false,
       false,
       {},
       {Outcome::kDispatched, "routing.dispatched", {"530102-civil-affairs:L"}}},
      {"region prefix rule elsewhere does not apply",
       "",
       "health/clinics",
       "53",
       false,
       false,
       {},
       {Outcome::kManualQueue, "routing.no_unit", {}}},
      {"minor protection",
       "53",
       "minor-protection/school-bullying",
       "530102001",
       true,
       false,
       {},
       {Outcome::kDispatched,
        "routing.dispatched",
        {"530102-civil-affairs:L", "530102-education:C"}}},
      {"12349 chain at a village",
       "53",
       "minor-protection/abuse",
       "530102001001",
       true,
       true,
       {},
       {Outcome::kEmergencyChain,
        "routing.emergency_chain",
        {"530102001-child-supervisor:L", "530102001001-child-director:C", "530102-civil-affairs:N1",
         "5301-minor-protection-centre:N2", "5301-civil-affairs:N3"}}},
      {"12349 chain at a township without directors",
       "53",
       "minor-protection/abuse",
       "530124100",
       true,
       true,
       {},
       {Outcome::kEmergencyChain,
        "routing.emergency_chain",
        {"530124100-child-supervisor:L", "530124-civil-affairs:N1",
         "5301-minor-protection-centre:N2", "5301-civil-affairs:N3"}}},
      {"12349 chain: supervisor returned, the director leads",
       "53",
       "minor-protection/abuse",
       "530102001001",
       true,
       true,
       {"530102001-child-supervisor"},
       {Outcome::kEmergencyChain,
        "routing.emergency_chain",
        {"530102001001-child-director:L", "530102-civil-affairs:N1",
         "5301-minor-protection-centre:N2", "5301-civil-affairs:N3"}}},
      {"12349 chain with nobody at the place",
       "53",
       "minor-protection/abuse",
       "530102",
       true,
       true,
       {},
       {Outcome::kManualQueue, "routing.emergency_chain_incomplete", {}}},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      RoutingInput input{c.category, Code(c.region), c.minor, c.emergency, c.excluded};
      const Decision d = Route(*dir, c.jurisdiction, input);
      CHECK(d.outcome == c.expected.outcome);
      CHECK(std::string(d.reason_code) == c.expected.reason_code);
      CHECK(Units(*dir, d) == c.expected.units);
      // Pure: the same input gives the same decision.
      const Decision again = Route(*dir, c.jurisdiction, input);
      CHECK(Units(*dir, again) == Units(*dir, d));
      CHECK(!DecisionReasonText(*dir, d, input).empty());
    }
  }
}

TEST_CASE("manual queue entries for minors are reviewed with civil affairs", "[routing]") {
  const auto dir = TestDirectory();
  RoutingInput minor{"general/other", Code("530102"), true, false, {}};
  CHECK(std::string(Route(*dir, "53", minor).review_with_department) == "civil-affairs");
  RoutingInput adult{"general/other", Code("530102"), false, false, {}};
  CHECK(Route(*dir, "53", adult).review_with_department.empty());
}

TEST_CASE("ties and fallbacks are explained", "[routing]") {
  const auto dir = TestDirectory();
  RoutingInput tie{"labour", Code("530102"), false, false, {}};
  const Decision tied = Route(*dir, "53", tie);
  REQUIRE(tied.considered.size() == 2);
  CHECK(tied.considered[0].verdict == RuleVerdict::kTied);
  CHECK(DecisionReasonText(*dir, tied, tie) == "catalogue rules 5 and 6 tie for category labour");

  RoutingInput fallback{"education/fees", Code("530124100"), false, false, {}};
  const Decision d = Route(*dir, "53", fallback);
  REQUIRE(!d.units.empty());
  CHECK(d.units[0].pick == UnitPick::kFallback);
  CHECK(UnitPickText(*dir, d.units[0], d.considered[0].rule) ==
        "no education unit at county level for this place; nearest enclosing one, at prefecture "
        "level");
}

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
