// The routing rules over a table of cases: each tier, lead and co-handlers, ties, unknown places,
// other jurisdictions, provincial departments, the 12349 emergency chain and returns.
#include "services/routing/rules/routing_rules.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/unit/routing/rules_directory.h"

namespace hotline::routing {
namespace {

using domain::Tier;
using testing::Code;
using testing::TestDirectory;

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

}  // namespace
}  // namespace hotline::routing
