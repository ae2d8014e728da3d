#include "tools/directory/department_file.h"

#include <array>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "libs/common/utf8.h"
#include "libs/domain/unit_code.h"
#include "tools/directory/csv_table.h"
#include "tools/directory/csv_writer.h"
#include "tools/directory/field_values.h"
#include "tools/directory/string_views.h"

namespace hotline::directory {
namespace {

enum Column { kCode, kName, kFunctional };
constexpr std::array<ColumnSpec, 3> kColumns = {{{"code"}, {"name"}, {"functional"}}};

}  // namespace

std::vector<RowError> ReadDepartments(std::istream& in, const std::string& file,
                                      const DepartmentFn& department) {
  absl::flat_hash_map<std::string, int> first_line;
  return ReadTable(
      in, file, kColumns, [&](absl::Span<const std::string_view> f, RowErrors& errors) {
        routing::v1::DepartmentType row;
        if (!domain::IsDepartmentCode(Av(f[kCode]))) {
          errors.Add("code", "expected lower-case letters, digits and '-', starting with a letter");
        } else if (auto [it, added] = first_line.try_emplace(std::string(f[kCode]), errors.line());
                   !added) {
          errors.Add("code",
                     absl::StrCat("\"", Av(f[kCode]), "\" already given at line ", it->second));
        }
        if (f[kName].empty()) errors.Add("name", "empty");
        if (CodePoints(f[kName]) > 100) errors.Add("name", "longer than 100 characters");
        std::optional<bool> functional = ParseBool(f[kFunctional]);
        if (!functional) errors.Add("functional", "expected true or false");
        if (errors.any()) return;
        row.set_code(std::string(f[kCode]));
        row.set_name(std::string(f[kName]));
        row.set_functional(*functional);
        department(std::move(row), errors.line());
      });
}

void WriteDepartments(std::ostream& out,
                      absl::Span<const routing::v1::DepartmentType> departments) {
  std::string text;
  AppendCsvRecord(&text, {"code", "name", "functional"});
  for (const auto& d : departments) {
    AppendCsvRecord(&text, {d.code(), d.name(), BoolText(d.functional())});
  }
  out << text;
}

}  // namespace hotline::directory
