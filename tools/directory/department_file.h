#pragma once

#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "hotline/routing/v1/routing.pb.h"
#include "tools/directory/row_error.h"

namespace hotline::directory {

// departments.csv: code,name,functional (functional = true|false).
using DepartmentFn = std::function<void(routing::v1::DepartmentType&& department, int line)>;

// Calls `department` for every good row; returns every bad row (bad code, empty name, bad flag,
// a code given twice).
std::vector<RowError> ReadDepartments(std::istream& in, const std::string& file,
                                      const DepartmentFn& department);

void WriteDepartments(std::ostream& out, absl::Span<const routing::v1::DepartmentType> departments);

}  // namespace hotline::directory
