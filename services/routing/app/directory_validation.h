#pragma once

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "hotline/routing/v1/routing.pb.h"
#include "libs/common/field_violations.h"

namespace hotline::routing {

// What validation needs to know besides the row itself.
struct DirectoryFacts {
  // Department code → functional, from the database and the same import.
  absl::flat_hash_map<std::string, bool> departments;
  // Unit ids that exist, in the database or the same import (for parent_id).
  absl::flat_hash_set<std::string> unit_ids;
};

// Each appends one violation per bad field, named `<field_prefix>.<field>` (e.g.
// "units[12].department"), and says why. Functional departments (职能部门) are refused below
// county level, for units and for catalogue rules alike.
void ValidateDepartment(const hotline::routing::v1::DepartmentType& d,
                        const std::string& field_prefix, std::vector<FieldViolation>& out);
void ValidateUnit(const hotline::routing::v1::Unit& u, const DirectoryFacts& facts,
                  const std::string& field_prefix, std::vector<FieldViolation>& out);
void ValidateRule(const hotline::routing::v1::CatalogueRule& r, const DirectoryFacts& facts,
                  const std::string& field_prefix, std::vector<FieldViolation>& out);

}  // namespace hotline::routing
