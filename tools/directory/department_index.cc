#include "tools/directory/department_index.h"

#include "absl/strings/str_cat.h"
#include "libs/domain/region_code.h"
#include "tools/directory/field_values.h"
#include "tools/directory/string_views.h"

namespace hotline::directory {

bool BelowCounty(common::v1::Tier tier) {
  return tier == common::v1::TIER_TOWNSHIP || tier == common::v1::TIER_VILLAGE;
}

void DepartmentIndex::Add(const routing::v1::DepartmentType& department) {
  by_code_[department.code()] = department;
}

const routing::v1::DepartmentType* DepartmentIndex::Find(std::string_view code) const {
  auto it = by_code_.find(Av(code));
  return it == by_code_.end() ? nullptr : &it->second;
}

std::vector<ColumnProblem> DepartmentIndex::CheckUnit(const routing::v1::Unit& unit) const {
  std::vector<ColumnProblem> problems;
  const routing::v1::DepartmentType* department = Find(unit.department());
  if (department == nullptr) {
    problems.emplace_back("department",
                          absl::StrCat("unknown department \"", unit.department(), "\""));
    return problems;
  }
  absl::StatusOr<domain::RegionCode> region = domain::RegionCode::Parse(unit.region_code());
  if (region.ok() && department->functional() &&
      BelowCounty(static_cast<common::v1::Tier>(region->tier()))) {
    problems.emplace_back("department", absl::StrCat("functional department \"", unit.department(),
                                                     "\" below county tier"));
  }
  return problems;
}

std::vector<ColumnProblem> DepartmentIndex::CheckRule(
    const routing::v1::CatalogueRule& rule) const {
  std::vector<ColumnProblem> problems;
  for (const std::string& code : rule.departments()) {
    const routing::v1::DepartmentType* department = Find(code);
    if (department == nullptr) {
      problems.emplace_back("departments", absl::StrCat("unknown department \"", code, "\""));
    } else if (department->functional() && BelowCounty(rule.tier())) {
      problems.emplace_back(
          "departments",
          absl::StrCat("functional department \"", code, "\" at ", Av(TierText(rule.tier())),
                       " tier: functional departments stop at county tier"));
    }
  }
  return problems;
}

}  // namespace hotline::directory
