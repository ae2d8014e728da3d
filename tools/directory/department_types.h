#pragma once

#include <string>
#include <string_view>

#include "absl/types/span.h"
#include "hotline/common/v1/ticket.pb.h"

namespace hotline::directory {

// A department type the generator places, and what its units are called at each tier. An empty
// suffix means the type has no unit at that tier. Township and village names depend on the place
// (街道办事处 vs 镇人民政府, 居委会 vs 村委会), so those tiers only say whether a unit exists.
struct DepartmentSpec {
  std::string_view code;
  std::string_view type_name;  // as in departments.csv
  bool functional;             // 职能部门: never placed below county tier
  std::string_view province;   // unit name suffix, e.g. "民政厅"
  std::string_view prefecture;
  std::string_view county;
  bool township;
  bool village;
};

// Every type the generator knows, governments first; this order is the order of units within
// one division in generated files and of the committed departments.csv.
absl::Span<const DepartmentSpec> DepartmentSpecs();
const DepartmentSpec* FindDepartmentSpec(std::string_view code);

// Whether the generator places `spec` at `tier` (village tier: whether it may be asked for).
bool PlacedAt(const DepartmentSpec& spec, common::v1::Tier tier);

// The government department of a tier: "township-government" for townships, else "government".
std::string_view GovernmentOf(common::v1::Tier tier);

// How prefecture and township divisions read in unit names, e.g. "市辖区" under 北京市 reads
// "北京市市辖区" so that it is not mistaken for another.
std::string PrefectureDisplayName(std::string_view province_name, std::string_view name);

// The unit's name: place + suffix, e.g. ("昆明市", civil-affairs, prefecture) → "昆明市民政局".
// `province_name` turns 厅 into 局 for the municipalities (北京市民政局).
std::string UnitName(const DepartmentSpec& spec, common::v1::Tier tier, std::string_view place,
                     std::string_view province_name);

// Streets (街道) have segment 001–099 of their 9-digit code: their villages are communities.
bool IsStreetCode(std::string_view township_code);
// "华山街道第3社区", "马街镇第12村".
std::string VillageName(std::string_view township_name, int index, bool community);

}  // namespace hotline::directory
