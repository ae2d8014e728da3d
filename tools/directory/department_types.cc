#include "tools/directory/department_types.h"

#include <array>

#include "absl/strings/str_cat.h"
#include "tools/directory/string_views.h"

namespace hotline::directory {
namespace {

using common::v1::Tier;

// clang-format off
constexpr std::array<DepartmentSpec, 22> kSpecs = {{
  // code, type name, functional, province, prefecture, county, township, village
  {"government", "人民政府", false, "人民政府", "人民政府", "人民政府", false, false},
  {"civil-affairs", "民政部门", true, "民政厅", "民政局", "民政局", false, false},
  {"education", "教育行政部门", true, "教育厅", "教育局", "教育局", false, false},
  {"public-security", "公安机关", true, "公安厅", "公安局", "公安局", false, false},
  {"human-resources-social-security", "人力资源和社会保障部门", true,
   "人力资源和社会保障厅", "人力资源和社会保障局", "人力资源和社会保障局", false, false},
  {"medical-security", "医疗保障部门", true, "医疗保障局", "医疗保障局", "医疗保障局", false, false},
  {"housing-urban-rural", "住房和城乡建设部门", true,
   "住房和城乡建设厅", "住房和城乡建设局", "住房和城乡建设局", false, false},
  {"transport", "交通运输部门", true, "交通运输厅", "交通运输局", "交通运输局", false, false},
  {"ecology-environment", "生态环境部门", true, "生态环境厅", "生态环境局", "生态环境局", false, false},
  {"health", "卫生健康部门", true, "卫生健康委员会", "卫生健康委员会", "卫生健康委员会", false, false},
  {"market-regulation", "市场监督管理部门", true,
   "市场监督管理局", "市场监督管理局", "市场监督管理局", false, false},
  {"disabled-persons-federation", "残疾人联合会", true,
   "残疾人联合会", "残疾人联合会", "残疾人联合会", false, false},
  {"urban-management", "城市管理部门", true, "", "城市管理局", "城市管理局", false, false},
  {"minor-protection-centre", "未成年人救助保护机构", false, "", "未成年人救助保护中心", "", false, false},
  {"water-supply", "供水企业", false, "", "供水公司", "", false, false},
  {"power-supply", "供电企业", false, "", "供电公司", "", false, false},
  {"gas-supply", "供气企业", false, "", "燃气公司", "", false, false},
  {"heating-supply", "供热企业", false, "", "供热公司", "", false, false},
  {"township-government", "乡镇人民政府（街道办事处）", false, "", "", "", true, false},
  {"child-supervisor", "儿童督导员", false, "", "", "", true, false},
  {"village-committee", "村（居）民委员会", false, "", "", "", false, true},
  {"child-director", "儿童主任", false, "", "", "", false, true},
}};
// clang-format on

// The name suffix of a township's own office: streets and 地区 have an office of the county
// (办事处), towns and townships a people's government, farms and development zones a committee.
std::string_view TownshipOfficeSuffix(std::string_view name) {
  if (EndsWith(name, "街道") || EndsWith(name, "地区")) return "办事处";
  if (EndsWith(name, "办事处") || EndsWith(name, "管委会") || EndsWith(name, "委员会")) {
    return "";
  }
  if (EndsWith(name, "镇") || EndsWith(name, "乡") || EndsWith(name, "苏木")) {
    return "人民政府";
  }
  return "管理委员会";
}

}  // namespace

absl::Span<const DepartmentSpec> DepartmentSpecs() { return kSpecs; }

const DepartmentSpec* FindDepartmentSpec(std::string_view code) {
  for (const DepartmentSpec& spec : kSpecs) {
    if (spec.code == code) return &spec;
  }
  return nullptr;
}

bool PlacedAt(const DepartmentSpec& spec, Tier tier) {
  switch (tier) {
    case common::v1::TIER_PROVINCE:
      return !spec.province.empty();
    case common::v1::TIER_PREFECTURE:
      return !spec.prefecture.empty();
    case common::v1::TIER_COUNTY:
      return !spec.county.empty();
    case common::v1::TIER_TOWNSHIP:
      return spec.township;
    case common::v1::TIER_VILLAGE:
      return spec.village;
    default:
      return false;
  }
}

std::string_view GovernmentOf(Tier tier) {
  return tier == common::v1::TIER_TOWNSHIP ? "township-government" : "government";
}

std::string PrefectureDisplayName(std::string_view province_name, std::string_view name) {
  if (name == "市辖区" || name == "县" || name.find("直辖") != std::string_view::npos) {
    return absl::StrCat(Av(province_name), Av(name));
  }
  return std::string(name);
}

std::string UnitName(const DepartmentSpec& spec, Tier tier, std::string_view place,
                     std::string_view province_name) {
  std::string_view suffix;
  switch (tier) {
    case common::v1::TIER_PROVINCE:
      suffix = spec.province;
      break;
    case common::v1::TIER_PREFECTURE:
      suffix = spec.prefecture;
      // 地区 and 盟 are run by an agency of the province (行政公署), not a people's government.
      if (spec.code == "government" && (EndsWith(place, "地区") || EndsWith(place, "盟"))) {
        suffix = "行政公署";
      }
      break;
    case common::v1::TIER_COUNTY:
      suffix = spec.county;
      break;
    case common::v1::TIER_TOWNSHIP:
      suffix = spec.code == "township-government" ? TownshipOfficeSuffix(place) : "儿童督导员";
      break;
    case common::v1::TIER_VILLAGE:
      if (spec.code == "village-committee") {
        suffix = EndsWith(place, "社区") ? "居民委员会" : "村民委员会";
      } else {
        suffix = "儿童主任";
      }
      break;
    default:
      break;
  }
  // The municipalities' provincial departments are bureaus: 北京市民政局, not 民政厅.
  if (tier == common::v1::TIER_PROVINCE && EndsWith(province_name, "市") &&
      EndsWith(suffix, "厅")) {
    suffix.remove_suffix(std::string_view("厅").size());
    return absl::StrCat(Av(place), Av(suffix), "局");
  }
  return absl::StrCat(Av(place), Av(suffix));
}

bool IsStreetCode(std::string_view township_code) {
  return township_code.size() == 9 && township_code[6] == '0';
}

std::string VillageName(std::string_view township_name, int index, bool community) {
  return absl::StrCat(Av(township_name), "第", index, community ? "社区" : "村");
}

}  // namespace hotline::directory
