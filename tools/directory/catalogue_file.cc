#include "tools/directory/catalogue_file.h"

#include <array>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "libs/common/utf8.h"
#include "libs/domain/category_code.h"
#include "libs/domain/region_code.h"
#include "libs/domain/unit_code.h"
#include "tools/directory/csv_table.h"
#include "tools/directory/csv_writer.h"
#include "tools/directory/field_values.h"
#include "tools/directory/string_views.h"

namespace hotline::directory {
namespace {

enum Column { kCategory, kRegion, kAreaKind, kTier, kDepartments, kPriority, kNote };
constexpr std::array<ColumnSpec, 7> kColumns = {{
    {"category_prefix"},
    {"region_prefix"},
    {"area_kind", false},
    {"tier"},
    {"departments"},
    {"priority", false},
    {"note", false},
}};
constexpr int kDefaultPriority = 100;
// The routing server's limits (services/routing/app/directory_validation.cc).
constexpr int kMaxDepartments = 16;
constexpr int kMaxPriority = 1000000;
constexpr int kMaxNote = 500;

// Inside a county or deeper, the county segment already fixes the area kind (01–20 urban
// district, 21+ county): a rule asking for the other kind could never match.
std::optional<std::string> AreaKindConflict(const domain::RegionCode& region,
                                            routing::v1::AreaKind kind) {
  if (kind == routing::v1::AREA_KIND_ANY || region.code().size() < 6) return std::nullopt;
  const int segment = std::stoi(region.code().substr(4, 2));
  const bool urban = segment <= 20;
  if (urban == (kind == routing::v1::AREA_KIND_URBAN_DISTRICT)) return std::nullopt;
  return absl::StrCat("can never match inside region_prefix ", region.code(), " (",
                      urban ? "an urban district" : "a county", ")");
}

struct FirstRule {
  int line;
  std::string departments;
};

}  // namespace

std::vector<RowError> ReadCatalogue(std::istream& in, const std::string& file, const RuleFn& rule) {
  absl::flat_hash_map<std::string, FirstRule> seen;  // by everything that decides a tie
  return ReadTable(
      in, file, kColumns, [&](absl::Span<const std::string_view> f, RowErrors& errors) {
        routing::v1::CatalogueRule row;
        if (!domain::IsCategoryPrefix(Av(f[kCategory]))) {
          errors.Add(
              "category_prefix",
              "expected '/'-separated segments of a-z, 0-9 and '-', e.g. minor-protection/abuse");
        }
        std::optional<domain::RegionCode> region;
        if (!f[kRegion].empty()) {
          absl::StatusOr<domain::RegionCode> parsed = domain::RegionCode::Parse(f[kRegion]);
          if (parsed.ok()) {
            region = *parsed;
          } else {
            errors.Add("region_prefix", std::string(parsed.status().message()));
          }
        }
        std::optional<routing::v1::AreaKind> kind =
            f[kAreaKind].empty() ? routing::v1::AREA_KIND_ANY : ParseAreaKind(f[kAreaKind]);
        if (!kind) {
          errors.Add("area_kind", absl::StrCat("unknown area kind \"", Av(f[kAreaKind]),
                                               "\": expected any, urban-district or county"));
        } else if (region) {
          if (auto conflict = AreaKindConflict(*region, *kind)) errors.Add("area_kind", *conflict);
        }
        std::optional<common::v1::Tier> tier = ParseTier(f[kTier]);
        if (!tier) {
          errors.Add("tier", absl::StrCat("bad tier \"", Av(f[kTier]),
                                          "\": expected province, prefecture, county, township or "
                                          "village"));
        }
        std::vector<std::string> departments = SplitList(f[kDepartments]);
        absl::flat_hash_set<std::string> distinct;
        if (departments.empty()) errors.Add("departments", "empty department list");
        if (departments.size() > kMaxDepartments) {
          errors.Add("departments", absl::StrCat("more than ", kMaxDepartments, " departments"));
        }
        for (const std::string& d : departments) {
          if (!domain::IsDepartmentCode(Av(d))) {
            errors.Add("departments", absl::StrCat("\"", d, "\" is not a department code"));
          } else if (!distinct.insert(d).second) {
            errors.Add("departments", absl::StrCat("\"", d, "\" named twice"));
          }
        }
        int priority = kDefaultPriority;
        if (!f[kPriority].empty() && !absl::SimpleAtoi(Av(f[kPriority]), &priority)) {
          errors.Add("priority", "expected a whole number");
        } else if (priority < 0 || priority > kMaxPriority) {
          errors.Add("priority", "expected 0 to 1000000");
        }
        if (CodePoints(f[kNote]) > kMaxNote) errors.Add("note", "longer than 500 characters");
        if (errors.any()) return;

        const std::string joined = JoinList(departments);
        const std::string key =
            absl::StrCat(Av(f[kCategory]), ",", f[kRegion].empty() ? "" : region->code(), ",",
                         static_cast<int>(*kind), ",", priority);
        if (auto [it, added] = seen.try_emplace(key, FirstRule{errors.line(), joined}); !added) {
          errors.Add("", it->second.departments == joined
                             ? absl::StrCat("repeats the rule at line ", it->second.line)
                             : absl::StrCat("ties with the rule at line ", it->second.line,
                                            " (same category prefix, region prefix, area kind and "
                                            "priority, other departments): every such matter would "
                                            "go to the manual queue; give one a lower priority"));
          return;
        }
        row.set_category_prefix(std::string(f[kCategory]));
        row.set_region_prefix(region ? region->code() : "");
        row.set_area_kind(*kind);
        row.set_tier(*tier);
        for (std::string& d : departments) row.add_departments(std::move(d));
        row.set_priority(priority);
        row.set_active(true);
        row.set_note(std::string(f[kNote]));
        rule(std::move(row), errors.line());
      });
}

void WriteCatalogue(std::ostream& out, absl::Span<const routing::v1::CatalogueRule> rules) {
  std::string text;
  AppendCsvRecord(&text, {"category_prefix", "region_prefix", "area_kind", "tier", "departments",
                          "priority", "note"});
  for (const auto& r : rules) {
    AppendCsvRecord(&text, {r.category_prefix(), r.region_prefix(), AreaKindText(r.area_kind()),
                            TierText(r.tier()), JoinList(r.departments()),
                            absl::StrCat(r.priority()), r.note()});
  }
  out << text;
}

}  // namespace hotline::directory
