#include "tools/directory/unit_file.h"

#include <array>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "libs/common/utf8.h"
#include "libs/domain/region_code.h"
#include "libs/domain/unit_code.h"
#include "tools/directory/csv_table.h"
#include "tools/directory/csv_writer.h"
#include "tools/directory/field_values.h"
#include "tools/directory/string_views.h"

namespace hotline::directory {
namespace {

enum Column { kId, kName, kRegionCode, kDepartment, kParentId, kActive, kContactRoles };
constexpr std::array<ColumnSpec, 7> kColumns = {{
    {"id"},
    {"name"},
    {"region_code"},
    {"department"},
    {"parent_id", false},
    {"active", false},
    {"contact_roles", false},
}};
constexpr size_t kFlushBytes = 1 << 20;
// The routing server's limits (services/routing/app/directory_validation.cc).
constexpr int kMaxName = 200;
constexpr size_t kMaxRoles = 16;

constexpr char kIdShape[] =
    "expected letters, digits and . _ : - (at most 128), starting with a letter or digit";

}  // namespace

std::vector<RowError> ReadUnits(std::istream& in, const std::string& file, const UnitFn& unit) {
  absl::flat_hash_map<std::string, int> first_line;
  return ReadTable(
      in, file, kColumns, [&](absl::Span<const std::string_view> f, RowErrors& errors) {
        routing::v1::Unit row;
        if (!domain::IsUnitId(Av(f[kId]))) {
          errors.Add("id", kIdShape);
        } else if (auto [it, added] = first_line.try_emplace(std::string(f[kId]), errors.line());
                   !added) {
          errors.Add("id", absl::StrCat("\"", Av(f[kId]), "\" already given at line ", it->second));
        }
        if (f[kName].empty()) errors.Add("name", "empty");
        if (CodePoints(f[kName]) > kMaxName) errors.Add("name", "longer than 200 characters");
        absl::StatusOr<domain::RegionCode> region = domain::RegionCode::Parse(f[kRegionCode]);
        if (!region.ok()) errors.Add("region_code", std::string(region.status().message()));
        if (!domain::IsDepartmentCode(Av(f[kDepartment]))) {
          errors.Add("department", "expected a department code such as civil-affairs");
        }
        if (!f[kParentId].empty() && !domain::IsUnitId(Av(f[kParentId])))
          errors.Add("parent_id", kIdShape);
        if (!f[kParentId].empty() && f[kParentId] == f[kId]) {
          errors.Add("parent_id", "a unit cannot be its own parent");
        }
        std::optional<bool> active = f[kActive].empty() ? true : ParseBool(f[kActive]);
        if (!active) errors.Add("active", "expected true or false");
        std::vector<std::string> roles = SplitList(f[kContactRoles]);
        if (roles.size() > kMaxRoles) errors.Add("contact_roles", "more than 16 roles");
        for (const std::string& role : roles) {
          if (role.empty()) {
            errors.Add("contact_roles", "empty role in the list");
          } else if (!domain::IsDepartmentCode(Av(role))) {
            errors.Add("contact_roles",
                       absl::StrCat("\"", role, "\": expected lower-case letters, digits and '-'"));
          }
        }
        if (errors.any()) return;
        row.set_id(std::string(f[kId]));
        row.set_name(std::string(f[kName]));
        row.set_region_code(region->code());
        row.set_department(std::string(f[kDepartment]));
        row.set_parent_id(std::string(f[kParentId]));
        row.set_active(*active);
        for (std::string& role : roles) row.add_contact_roles(std::move(role));
        unit(std::move(row), errors.line());
      });
}

UnitCsvWriter::UnitCsvWriter(std::ostream& out) : out_(out) {
  AppendCsvRecord(&buffer_, {"id", "name", "region_code", "department", "parent_id", "active",
                             "contact_roles"});
}

void UnitCsvWriter::Write(const routing::v1::Unit& unit) {
  AppendCsvRecord(&buffer_,
                  {unit.id(), unit.name(), unit.region_code(), unit.department(), unit.parent_id(),
                   BoolText(unit.active()), JoinList(unit.contact_roles())});
  if (buffer_.size() >= kFlushBytes) Flush();
}

void UnitCsvWriter::Flush() {
  out_ << buffer_;
  buffer_.clear();
}

}  // namespace hotline::directory
