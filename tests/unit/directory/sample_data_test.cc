// The committed directory under deploy/directory/ must stay in step with the generator, the
// department types and the intake category catalogue.
#include <catch2/catch.hpp>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "repo_files.h"
#include "tools/directory/catalogue_file.h"
#include "tools/directory/department_file.h"
#include "tools/directory/department_index.h"
#include "tools/directory/department_types.h"
#include "tools/directory/field_values.h"
#include "tools/directory/unit_file.h"
#include "tools/directory/unit_generator.h"

namespace hotline::directory {
namespace {

using routing::v1::CatalogueRule;
using routing::v1::DepartmentType;

std::vector<DepartmentType> CommittedDepartments() {
  std::istringstream in(ReadRepoFile("deploy/directory/departments.csv"));
  std::vector<DepartmentType> rows;
  std::vector<RowError> errors =
      ReadDepartments(in, "departments.csv", [&](DepartmentType&& d, int) { rows.push_back(d); });
  for (const RowError& e : errors) FAIL_CHECK(e.ToString());
  return rows;
}

std::vector<CatalogueRule> CommittedRules() {
  std::istringstream in(ReadRepoFile("deploy/directory/catalogue.csv"));
  std::vector<CatalogueRule> rows;
  std::vector<RowError> errors =
      ReadCatalogue(in, "catalogue.csv", [&](CatalogueRule&& r, int) { rows.push_back(r); });
  for (const RowError& e : errors) FAIL_CHECK(e.ToString());
  return rows;
}

// The category codes intake knows (deploy/migrations/0005_intake_catalogue.sql).
std::vector<std::string> IntakeCategories() {
  const std::string sql = ReadRepoFile("deploy/migrations/0005_intake_catalogue.sql");
  const std::regex row(R"(\('([a-z0-9/-]+)', '[^']*', (true|false), (true|false)\))");
  std::vector<std::string> codes;
  for (auto it = std::sregex_iterator(sql.begin(), sql.end(), row); it != std::sregex_iterator();
       ++it) {
    codes.push_back((*it)[1]);
  }
  return codes;
}

// The routing engine's choice, as deploy/directory/README.md describes it: every best rule's
// department list for a matter of `category` in `region`.
std::set<std::string> BestDepartments(const std::vector<CatalogueRule>& rules,
                                      const std::string& category, const std::string& region) {
  const bool urban = std::stoi(region.substr(4, 2)) <= 20;
  std::tuple<size_t, size_t, bool, int> best{0, 0, false, 0};
  std::set<std::string> chosen;
  for (const CatalogueRule& r : rules) {
    const std::string& c = r.category_prefix();
    const bool category_ok = c.empty() || c == category || (category.rfind(c + "/", 0) == 0);
    const bool region_ok = region.rfind(r.region_prefix(), 0) == 0;
    const bool kind_ok = r.area_kind() == routing::v1::AREA_KIND_ANY ||
                         (r.area_kind() == routing::v1::AREA_KIND_URBAN_DISTRICT) == urban;
    if (!category_ok || !region_ok || !kind_ok) continue;
    std::tuple<size_t, size_t, bool, int> rank{c.size() + 1, r.region_prefix().size(),
                                               r.area_kind() != routing::v1::AREA_KIND_ANY,
                                               -r.priority()};
    if (rank > best) {
      best = rank;
      chosen.clear();
    }
    if (rank == best) chosen.insert(JoinList(r.departments()));
  }
  return chosen;
}

TEST_CASE("directory sample units.csv is what the generator makes", "[directory][sample]") {
  GeneratorOptions options;
  options.scopes = {"53", "1502"};
  options.villages_per_township = 10;
  std::ostringstream out;
  {
    UnitCsvWriter writer(out);
    REQUIRE(GenerateUnits(RepoDivisions(), options, [&](const auto& u) { writer.Write(u); }).ok());
  }
  const std::string committed = ReadRepoFile("deploy/directory/sample/units.csv");
  // On a mismatch regenerate it (deploy/directory/README.md) rather than edit it by hand.
  CHECK(committed.size() == out.str().size());
  CHECK(committed == out.str());
}

TEST_CASE("directory sample units fit the committed department types", "[directory][sample]") {
  DepartmentIndex index;
  for (const DepartmentType& d : CommittedDepartments()) index.Add(d);
  std::istringstream in(ReadRepoFile("deploy/directory/sample/units.csv"));
  int rows = 0;
  std::vector<RowError> errors =
      ReadUnits(in, "units.csv", [&](routing::v1::Unit&& unit, int line) {
        ++rows;
        for (const auto& [column, why] : index.CheckUnit(unit)) {
          FAIL_CHECK("units.csv:" << line << ": " << column << ": " << why);
        }
      });
  for (const RowError& e : errors) FAIL_CHECK(e.ToString());
  CHECK(rows == 36281);
}

TEST_CASE("directory departments.csv lists every generated type with its flag",
          "[directory][sample]") {
  std::map<std::string, bool> committed;
  for (const DepartmentType& d : CommittedDepartments()) committed[d.code()] = d.functional();
  std::map<std::string, bool> generated;
  for (const DepartmentSpec& spec : DepartmentSpecs()) {
    generated[std::string(spec.code)] = spec.functional;
    // Functional departments have units only down to county.
    if (spec.functional) CHECK_FALSE((spec.township || spec.village));
  }
  CHECK(committed == generated);
}

TEST_CASE("directory catalogue.csv parses and keeps functional departments at county or above",
          "[directory][sample]") {
  DepartmentIndex index;
  for (const DepartmentType& d : CommittedDepartments()) index.Add(d);
  const std::vector<CatalogueRule> rules = CommittedRules();
  REQUIRE(rules.size() > 30);
  bool provincial = false;
  for (const CatalogueRule& rule : rules) {
    INFO(rule.category_prefix() << " " << AreaKindText(rule.area_kind()));
    CHECK(index.CheckRule(rule).empty());
    CHECK(rule.priority() == 100);
    CHECK_FALSE(rule.note().empty());
    CHECK_FALSE(rule.category_prefix().empty());  // no catch-all: unknown matters go to 研判
    for (const std::string& d : rule.departments()) {
      // The generated directory has a unit of each named department at the rule's tier.
      const DepartmentSpec* spec = FindDepartmentSpec(d);
      REQUIRE(spec != nullptr);
      CHECK(PlacedAt(*spec, rule.tier()));
    }
    if (rule.tier() == common::v1::TIER_PROVINCE) provincial = true;
  }
  CHECK(provincial);
}

TEST_CASE("directory catalogue.csv routes every intake category without ties",
          "[directory][sample]") {
  const std::vector<CatalogueRule> rules = CommittedRules();
  const std::vector<std::string> categories = IntakeCategories();
  REQUIRE(categories.size() > 100);
  std::set<std::string> known(categories.begin(), categories.end());
  for (const CatalogueRule& rule : rules) {
    INFO(rule.category_prefix());
    CHECK(known.count(rule.category_prefix()) == 1);
  }
  // 530102 五华区 is an urban district, 530124 富民县 a county.
  bool differs_by_area_kind = false;
  for (const std::string& category : categories) {
    if (category.find('/') == std::string::npos) continue;  // group rows of the tree
    INFO(category);
    const std::set<std::string> urban = BestDepartments(rules, category, "530102");
    const std::set<std::string> county = BestDepartments(rules, category, "530124");
    if (category.rfind("out-of-scope/", 0) == 0 || category == "general/other") {
      CHECK(urban.empty());  // manual queue (研判) by design
      CHECK(county.empty());
      continue;
    }
    CHECK(urban.size() == 1);
    CHECK(county.size() == 1);
    if (urban != county) differs_by_area_kind = true;
  }
  CHECK(differs_by_area_kind);
  // Minor protection: county civil affairs leads, with the right co-handlers.
  CHECK(BestDepartments(rules, "minor-protection/school-bullying", "530102") ==
        std::set<std::string>{"civil-affairs|education"});
  CHECK(BestDepartments(rules, "minor-protection/online-protection", "530102") ==
        std::set<std::string>{"civil-affairs|public-security"});
  CHECK(BestDepartments(rules, "minor-protection/juvenile-labour", "530102") ==
        std::set<std::string>{"civil-affairs|human-resources-social-security"});
  CHECK(BestDepartments(rules, "minor-protection/guardianship", "530124") ==
        std::set<std::string>{"civil-affairs"});
}

}  // namespace
}  // namespace hotline::directory
