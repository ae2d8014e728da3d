#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "hotline/routing/v1/routing.pb.h"

namespace hotline::directory {

// A problem with one column of a row: (column, why).
using ColumnProblem = std::pair<std::string, std::string>;

// The department types of a directory, for the checks that span files: units and rules must name
// known departments, and a functional department (职能部门) is never placed below county tier —
// the routing server refuses both, so the import finds them before sending anything.
class DepartmentIndex {
 public:
  void Add(const routing::v1::DepartmentType& department);
  const routing::v1::DepartmentType* Find(std::string_view code) const;

  std::vector<ColumnProblem> CheckUnit(const routing::v1::Unit& unit) const;
  std::vector<ColumnProblem> CheckRule(const routing::v1::CatalogueRule& rule) const;

 private:
  absl::flat_hash_map<std::string, routing::v1::DepartmentType> by_code_;
};

// True for township and village tiers, where functional departments may not sit.
bool BelowCounty(common::v1::Tier tier);

}  // namespace hotline::directory
