#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tools/directory/catalogue_file.h"
#include "tools/directory/department_file.h"
#include "tools/directory/department_index.h"
#include "tools/directory/import_sources.h"
#include "tools/directory/unit_file.h"

namespace hotline::directory {
namespace {

using routing::v1::CatalogueRule;
using routing::v1::DepartmentType;
using routing::v1::Unit;

std::vector<std::string> Texts(const std::vector<RowError>& errors) {
  std::vector<std::string> out;
  for (const RowError& e : errors) out.push_back(e.ToString());
  return out;
}

struct Units {
  std::vector<Unit> rows;
  std::vector<int> lines;
  std::vector<std::string> errors;
};

Units ReadUnitsText(const std::string& text) {
  Units out;
  std::istringstream in(text);
  out.errors = Texts(ReadUnits(in, "units.csv", [&](Unit&& u, int line) {
    out.rows.push_back(std::move(u));
    out.lines.push_back(line);
  }));
  return out;
}

struct Rules {
  std::vector<CatalogueRule> rows;
  std::vector<std::string> errors;
};

Rules ReadCatalogueText(const std::string& text) {
  Rules out;
  std::istringstream in(text);
  out.errors = Texts(
      ReadCatalogue(in, "catalogue.csv", [&](CatalogueRule&& r, int) { out.rows.push_back(r); }));
  return out;
}

constexpr char kUnitHeader[] = "id,name,region_code,department,parent_id,active,contact_roles\n";
constexpr char kRuleHeader[] =
    "category_prefix,region_prefix,area_kind,tier,departments,priority,note\n";

TEST_CASE("directory units read into protos", "[directory][files]") {
  Units units = ReadUnitsText(std::string(kUnitHeader) +
                              "530102-civil-affairs,五华区民政局,530102,civil-affairs,"
                              "5301-civil-affairs,true,duty-officer|liaison\n"
                              "53-government,云南省人民政府,530000000000,government,,false,\n");
  REQUIRE(units.errors.empty());
  REQUIRE(units.rows.size() == 2);
  CHECK(units.lines == std::vector<int>{2, 3});
  CHECK(units.rows[0].name() == "五华区民政局");
  CHECK(units.rows[0].parent_id() == "5301-civil-affairs");
  CHECK(units.rows[0].active());
  CHECK(units.rows[0].contact_roles_size() == 2);
  CHECK(units.rows[1].region_code() == "53");  // canonical short form
  CHECK_FALSE(units.rows[1].active());
  CHECK(units.rows[1].contact_roles_size() == 0);
}

TEST_CASE("directory units report every bad row with its line and column", "[directory][files]") {
  Units units = ReadUnitsText(std::string(kUnitHeader) +
                              "a-1,甲,530102,civil-affairs,,true,\n"
                              "a-2,乙,5301023,civil-affairs,,yes,\n"
                              "a-1,丙,530102,Civil Affairs,,true,\n"
                              "\"bad id\",,530102,education,,true,a||b\n"
                              "a-5,戊,530102,education,a-5,true,\n"
                              "a-6,short row\n"
                              "a-7,庚,530102,education,,true,\n");
  CHECK(units.lines == std::vector<int>{2, 8});
  CHECK_THAT(units.errors,
             Catch::VectorContains(std::string("units.csv:3: active: expected true or false")));
  bool region_reported = false;
  for (const std::string& e : units.errors) {
    if (e.rfind("units.csv:3: region_code: ", 0) == 0) region_reported = true;
  }
  CHECK(region_reported);
  CHECK_THAT(units.errors, Catch::VectorContains(
                               std::string("units.csv:4: id: \"a-1\" already given at line 2")));
  CHECK_THAT(units.errors,
             Catch::VectorContains(std::string(
                 "units.csv:4: department: expected a department code such as civil-affairs")));
  CHECK_THAT(units.errors, Catch::VectorContains(std::string("units.csv:5: name: empty")));
  CHECK_THAT(units.errors, Catch::VectorContains(
                               std::string("units.csv:5: contact_roles: empty role in the list")));
  CHECK_THAT(units.errors, Catch::VectorContains(std::string(
                               "units.csv:6: parent_id: a unit cannot be its own parent")));
  CHECK_THAT(units.errors,
             Catch::VectorContains(std::string("units.csv:7: expected 7 fields, got 2")));
}

TEST_CASE("directory headers must name known columns", "[directory][files]") {
  Units missing = ReadUnitsText("id,name,department\nx,y,z\n");
  CHECK(missing.errors == std::vector<std::string>{"units.csv:1: missing column \"region_code\""});
  Units unknown = ReadUnitsText("id,name,region_code,department,colour,id\n");
  CHECK(unknown.errors == std::vector<std::string>{"units.csv:1: unknown column \"colour\"",
                                                   "units.csv:1: column \"id\" appears twice"});
  Units empty = ReadUnitsText("");
  CHECK(empty.errors == std::vector<std::string>{"units.csv: empty file: expected a header row"});
  // Optional columns may be left out; the order is free.
  Units minimal = ReadUnitsText("department,region_code,name,id\ncivil-affairs,53,民政厅,53-ca\n");
  REQUIRE(minimal.rows.size() == 1);
  CHECK(minimal.rows[0].active());
  CHECK(minimal.rows[0].parent_id().empty());
}

TEST_CASE("directory catalogue rows read with defaults", "[directory][files]") {
  Rules rules =
      ReadCatalogueText(std::string(kRuleHeader) +
                        "education,,any,county,education|market-regulation,,\"学校, 收费\"\n"
                        "urban-management/sanitation,53,urban-district,county,"
                        "urban-management,90,\n"
                        "public-security/exit-entry,,,province,public-security,100,x\n");
  REQUIRE(rules.errors.empty());
  REQUIRE(rules.rows.size() == 3);
  CHECK(rules.rows[0].tier() == common::v1::TIER_COUNTY);
  CHECK(rules.rows[0].departments_size() == 2);
  CHECK(rules.rows[0].departments(0) == "education");
  CHECK(rules.rows[0].priority() == 100);
  CHECK(rules.rows[0].note() == "学校, 收费");
  CHECK(rules.rows[0].active());
  CHECK(rules.rows[1].area_kind() == routing::v1::AREA_KIND_URBAN_DISTRICT);
  CHECK(rules.rows[1].region_prefix() == "53");
  CHECK(rules.rows[1].priority() == 90);
  CHECK(rules.rows[2].area_kind() == routing::v1::AREA_KIND_ANY);
  CHECK(rules.rows[2].tier() == common::v1::TIER_PROVINCE);
}

TEST_CASE("directory catalogue reports every bad row", "[directory][files]") {
  Rules rules = ReadCatalogueText(std::string(kRuleHeader) +
                                  "labour,,rural,county,human-resources-social-security,100,\n"
                                  "labour,,any,town,human-resources-social-security,100,\n"
                                  "labour,5301x,any,county,human-resources-social-security,100,\n"
                                  "labour,,any,county,,100,\n"
                                  "Labour/Wages,,any,county,a|a,high,\n"
                                  "health,530102,county,county,health,100,\n"
                                  "health,,any,county,health,100,\n"
                                  "health,,any,county,health|civil-affairs,100,\n"
                                  "health,,any,county,health,100,\n");
  const std::vector<std::string> expected = {
      "catalogue.csv:2: area_kind: unknown area kind \"rural\": expected any, urban-district or "
      "county",
      "catalogue.csv:3: tier: bad tier \"town\": expected province, prefecture, county, township "
      "or village",
      "catalogue.csv:5: departments: empty department list",
      "catalogue.csv:6: category_prefix: expected '/'-separated segments of a-z, 0-9 and '-', "
      "e.g. minor-protection/abuse",
      "catalogue.csv:6: departments: \"a\" named twice",
      "catalogue.csv:6: priority: expected a whole number",
      "catalogue.csv:7: area_kind: can never match inside region_prefix 530102 (an urban "
      "district)",
      "catalogue.csv:9: ties with the rule at line 8 (same category prefix, region prefix, area "
      "kind and priority, other departments): every such matter would go to the manual queue; "
      "give one a lower priority",
      "catalogue.csv:10: repeats the rule at line 8",
  };
  for (const std::string& e : expected) CHECK_THAT(rules.errors, Catch::VectorContains(e));
  bool region_reported = false;
  for (const std::string& e : rules.errors) {
    if (e.rfind("catalogue.csv:4: region_prefix: ", 0) == 0) region_reported = true;
  }
  CHECK(region_reported);
  CHECK(rules.errors.size() == expected.size() + 1);
  CHECK(rules.rows.size() == 1);
}

TEST_CASE("directory departments read and write back the same", "[directory][files]") {
  std::istringstream in(
      "code,name,functional\ncivil-affairs,民政部门,true\ngovernment,人民政府,false\n"
      "bad code,x,maybe\ngovernment,again,false\n");
  std::vector<DepartmentType> rows;
  std::vector<std::string> errors = Texts(
      ReadDepartments(in, "departments.csv", [&](DepartmentType&& d, int) { rows.push_back(d); }));
  CHECK(errors == std::vector<std::string>{
                      "departments.csv:4: code: expected lower-case letters, digits and '-', "
                      "starting with a letter",
                      "departments.csv:4: functional: expected true or false",
                      "departments.csv:5: code: \"government\" already given at line 3",
                  });
  REQUIRE(rows.size() == 2);
  std::ostringstream out;
  WriteDepartments(out, rows);
  CHECK(out.str() ==
        "code,name,functional\ncivil-affairs,民政部门,true\ngovernment,人民政府,false\n");
}

TEST_CASE("directory catalogue writes what it reads", "[directory][files]") {
  const std::string text = std::string(kRuleHeader) +
                           "education/fees,5301,county,county,education|market-regulation,100,"
                           "\"收费, 价格\"\n"
                           "public-security/exit-entry,,any,province,public-security,100,\n";
  Rules rules = ReadCatalogueText(text);
  REQUIRE(rules.errors.empty());
  std::ostringstream out;
  WriteCatalogue(out, rules.rows);
  CHECK(out.str() == text);
}

TEST_CASE("directory department index rejects functional departments below county",
          "[directory][files]") {
  DepartmentIndex index;
  DepartmentType education;
  education.set_code("education");
  education.set_functional(true);
  index.Add(education);
  DepartmentType township;
  township.set_code("township-government");
  index.Add(township);

  Unit unit;
  unit.set_region_code("530102001");
  unit.set_department("education");
  CHECK(index.CheckUnit(unit) ==
        std::vector<ColumnProblem>{
            {"department", "functional department \"education\" below county tier"}});
  unit.set_region_code("530102");
  CHECK(index.CheckUnit(unit).empty());
  unit.set_department("police");
  CHECK(index.CheckUnit(unit) ==
        std::vector<ColumnProblem>{{"department", "unknown department \"police\""}});

  CatalogueRule rule;
  rule.set_tier(common::v1::TIER_TOWNSHIP);
  rule.add_departments("township-government");
  CHECK(index.CheckRule(rule).empty());
  rule.add_departments("education");
  CHECK(index.CheckRule(rule) ==
        std::vector<ColumnProblem>{{"departments",
                                    "functional department \"education\" at township tier: "
                                    "functional departments stop at county tier"}});
}

TEST_CASE("directory server violations point back at file lines", "[directory][files]") {
  ImportSources sources;
  sources.units = {"units.csv", {2, 3, 7}};
  sources.rules = {"catalogue.csv", {12}};
  CHECK(DescribeViolation(sources, "units[2].department", "unknown department") ==
        "units.csv:7: department: unknown department");
  CHECK(DescribeViolation(sources, "rules[0]", "tie") == "catalogue.csv:12: tie");
  sources.departments = {"departments.csv", {2, 3}};
  CHECK(DescribeViolation(sources, "rules[0].departments[1]", "named twice") ==
        "catalogue.csv:12: departments[1]: named twice");
  CHECK(DescribeViolation(sources, "departments[1].code", "bad") == "departments.csv:3: code: bad");
  CHECK(DescribeViolation(sources, "chunks[3].units[0].parent_id", "no such unit") ==
        "units.csv:2: parent_id: no such unit");
  CHECK(DescribeViolation(sources, "units[9].id", "x") == "units[9].id: x");
  CHECK(DescribeViolation(sources, "replace", "x") == "replace: x");
}

}  // namespace
}  // namespace hotline::directory
