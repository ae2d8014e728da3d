#include "tests/unit/routing/rules_directory.h"

#include <catch2/catch.hpp>
#include <vector>

namespace hotline::routing::testing {
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

}  // namespace

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

}  // namespace hotline::routing::testing
