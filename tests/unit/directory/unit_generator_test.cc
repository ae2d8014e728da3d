#include "tools/directory/unit_generator.h"

#include <catch2/catch.hpp>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "repo_files.h"
#include "tools/directory/unit_file.h"

namespace hotline::directory {
namespace {

using routing::v1::Unit;

struct Generated {
  GenerationCounts counts;
  std::vector<Unit> units;
};

Generated Generate(const GeneratorOptions& options) {
  Generated out;
  absl::StatusOr<GenerationCounts> counts =
      GenerateUnits(RepoDivisions(), options, [&](const Unit& u) { out.units.push_back(u); });
  INFO(counts.status().ToString());
  REQUIRE(counts.ok());
  out.counts = *counts;
  return out;
}

GeneratorOptions Scopes(std::vector<std::string> scopes) {
  GeneratorOptions options;
  options.scopes = std::move(scopes);
  return options;
}

// Per generated division: government + 11 functional departments at province; those + urban
// management + the minor protection centre + 4 utilities at prefecture; government + 11
// functional + urban management at county; township government + child supervisor; and the
// village departments in each of the villages.
constexpr int kProvinceUnits = 12;
constexpr int kPrefectureUnits = 18;
constexpr int kCountyUnits = 13;
constexpr int kTownshipUnits = 2;

TEST_CASE("directory generator counts for Yunnan", "[directory][generator]") {
  Generated yunnan = Generate(Scopes({"53"}));
  CHECK(yunnan.counts.province_units == kProvinceUnits);
  CHECK(yunnan.counts.prefecture_units == 16 * kPrefectureUnits);  // 288
  CHECK(yunnan.counts.county_units == 129 * kCountyUnits);         // 1,677
  CHECK(yunnan.counts.township_units == 1461 * kTownshipUnits);    // 2,922
  CHECK(yunnan.counts.villages == 14610);
  CHECK(yunnan.counts.village_units == 29220);
  CHECK(yunnan.counts.total_units() == 34119);
  CHECK(yunnan.counts.skipped_divisions == 0);
  CHECK(yunnan.units.size() == 34119);
}

TEST_CASE("directory generator counts for Baotou with its province", "[directory][generator]") {
  Generated baotou = Generate(Scopes({"1502"}));
  CHECK(baotou.counts.province_units == kProvinceUnits);  // Inner Mongolia, for transfers
  CHECK(baotou.counts.prefecture_units == kPrefectureUnits);
  CHECK(baotou.counts.county_units == 10 * kCountyUnits);  // 9 districts/counties + 稀土高新区
  CHECK(baotou.counts.township_units == 91 * kTownshipUnits);
  CHECK(baotou.counts.village_units == 1820);
  CHECK(baotou.counts.total_units() == 2162);
  CHECK(baotou.units.front().id() == "15-government");
  // Only Baotou below the province.
  for (const Unit& u : baotou.units) {
    if (u.region_code().size() > 2) CHECK(u.region_code().rfind("1502", 0) == 0);
  }
}

TEST_CASE("directory generator counts nationally", "[directory][generator]") {
  GeneratorOptions options;
  for (const Division& p : RepoDivisions().provinces) options.scopes.push_back(p.code);
  options.villages_per_township = 1;
  options.village_departments = {"village-committee"};
  int64_t seen = 0;
  absl::StatusOr<GenerationCounts> counts =
      GenerateUnits(RepoDivisions(), options, [&](const Unit&) { ++seen; });
  REQUIRE(counts.ok());
  CHECK(counts->province_units == 31 * kProvinceUnits);
  CHECK(counts->prefecture_units == 342 * kPrefectureUnits);
  // 东莞, 中山 and 儋州 have no county level (placeholder codes 441900, 442000, 460400: their
  // towns hang under the city) and 金门 has a placeholder township (350527000): those 3 counties
  // and 1 township get no units.
  CHECK(counts->skipped_divisions == 4);
  CHECK(counts->county_units == (2978 - 3) * kCountyUnits);
  CHECK(counts->township_units == (41352 - 1) * kTownshipUnits);
  CHECK(counts->village_units == 41352 - 1);
  CHECK(seen == counts->total_units());
}

TEST_CASE("directory generator is deterministic", "[directory][generator]") {
  auto text = [] {
    std::ostringstream out;
    {
      UnitCsvWriter writer(out);
      REQUIRE(GenerateUnits(RepoDivisions(), Scopes({"1502", "5301"}), [&](const Unit& u) {
                writer.Write(u);
              }).ok());
    }
    return out.str();
  };
  const std::string first = text();
  CHECK(first.size() > 100000);
  CHECK(first == text());
}

TEST_CASE("directory generator ids and parents are consistent", "[directory][generator]") {
  Generated g = Generate(Scopes({"53", "1502"}));
  absl::flat_hash_map<std::string, const Unit*> by_id;
  for (const Unit& u : g.units) {
    INFO(u.id());
    CHECK(u.id() == u.region_code() + "-" + u.department());
    CHECK(u.active());
    CHECK(u.contact_roles_size() == 2);
    if (u.parent_id().empty()) {
      CHECK(u.department() == "government");
      CHECK(u.region_code().size() == 2);
    } else {
      // Parents come first, so an import can insert in file order.
      auto parent = by_id.find(u.parent_id());
      REQUIRE(parent != by_id.end());
      const std::string& pc = parent->second->region_code();
      CHECK(u.region_code().rfind(pc, 0) == 0);
      // One tier up, or the province government above the provincial departments.
      CHECK((pc.size() < u.region_code().size() || pc.size() == 2));
    }
    CHECK(by_id.emplace(u.id(), &u).second);
  }
  auto parent_of = [&](const std::string& id) {
    REQUIRE(by_id.count(id) == 1);
    return by_id[id]->parent_id();
  };
  CHECK(parent_of("530102-civil-affairs") == "5301-civil-affairs");
  CHECK(parent_of("530102-urban-management") == "5301-urban-management");
  CHECK(parent_of("5301-urban-management") == "53-government");
  CHECK(parent_of("5301-government") == "53-government");
  CHECK(parent_of("53-civil-affairs") == "53-government");
  CHECK(parent_of("530102001-child-supervisor") == "530102-government");
  CHECK(parent_of("530102001-township-government") == "530102-government");
  CHECK(parent_of("530102001001-village-committee") == "530102001-township-government");
  CHECK(parent_of("530102001001-child-director") == "530102001-township-government");
}

TEST_CASE("towns of a city without counties hang under the city", "[directory][generator]") {
  Generated g = Generate(Scopes({"4419"}));  // 东莞
  absl::flat_hash_map<std::string, const Unit*> by_id;
  for (const Unit& u : g.units) by_id.emplace(u.id(), &u);
  CHECK(by_id.count("441900-government") == 0);  // the placeholder county has no units
  REQUIRE(by_id.count("441900003-township-government") == 1);
  CHECK(by_id["441900003-township-government"]->parent_id() == "4419-government");
  CHECK(by_id["441900003001-village-committee"]->parent_id() == "441900003-township-government");
  CHECK(g.counts.skipped_divisions == 1);
}

TEST_CASE("directory generator names read like real units", "[directory][generator]") {
  Generated g = Generate(Scopes({"5301", "1502"}));
  std::map<std::string, std::string> name_of;
  for (const Unit& u : g.units) name_of[u.id()] = u.name();
  CHECK(name_of["53-civil-affairs"] == "云南省民政厅");
  CHECK(name_of["53-market-regulation"] == "云南省市场监督管理局");
  CHECK(name_of["5301-civil-affairs"] == "昆明市民政局");
  CHECK(name_of["5301-minor-protection-centre"] == "昆明市未成年人救助保护中心");
  CHECK(name_of["530102-education"] == "五华区教育局");
  CHECK(name_of["530102001-township-government"] == "华山街道办事处");
  CHECK(name_of["530102001-child-supervisor"] == "华山街道儿童督导员");
  CHECK(name_of["530102001003-village-committee"] == "华山街道第3社区居民委员会");
  CHECK(name_of["530102001003-child-director"] == "华山街道第3社区儿童主任");
  CHECK(name_of["15-civil-affairs"] == "内蒙古自治区民政厅");
  CHECK(name_of["1502-government"] == "包头市人民政府");
  // Towns (segment 100+) get villages, not communities.
  bool village_seen = false;
  for (const auto& [id, name] : name_of) {
    if (id.size() == 12 + std::string("-village-committee").size() && id[6] != '0' &&
        id.find("-village-committee") != std::string::npos) {
      CHECK_THAT(name, Catch::EndsWith("村村民委员会"));
      village_seen = true;
    }
  }
  CHECK(village_seen);
}

TEST_CASE("directory generator options are checked", "[directory][generator]") {
  auto status = [](GeneratorOptions options) {
    return GenerateUnits(RepoDivisions(), options, [](const Unit&) {}).status();
  };
  CHECK(status(Scopes({})).code() == absl::StatusCode::kInvalidArgument);
  CHECK(status(Scopes({"99"})).code() == absl::StatusCode::kInvalidArgument);
  CHECK(status(Scopes({"5399"})).code() == absl::StatusCode::kInvalidArgument);
  GeneratorOptions too_many = Scopes({"1502"});
  too_many.villages_per_township = 1000;
  CHECK(status(too_many).code() == absl::StatusCode::kInvalidArgument);
  GeneratorOptions wrong_department = Scopes({"1502"});
  wrong_department.village_departments = {"civil-affairs"};
  CHECK(status(wrong_department).code() == absl::StatusCode::kInvalidArgument);
  GeneratorOptions no_villages = Scopes({"150202"});
  no_villages.villages_per_township = 0;
  Generated g = Generate(no_villages);
  CHECK(g.counts.village_units == 0);
  CHECK(g.counts.prefecture_units == 0);
  // Outside a generated prefecture, a county's departments report to the province.
  for (const Unit& u : g.units) {
    if (u.id() == "150202-civil-affairs") CHECK(u.parent_id() == "15-civil-affairs");
  }
}

}  // namespace
}  // namespace hotline::directory
