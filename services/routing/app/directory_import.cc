#include "services/routing/app/directory_import.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"
#include "services/routing/app/directory_validation.h"

namespace hotline::routing {
namespace {

namespace v1 = hotline::routing::v1;

constexpr size_t kMaxViolations = 200;

}  // namespace

absl::StatusOr<ImportCounts> DirectoryImporter::Import(const DirectoryImport& rows) {
  const auto& departments = rows.departments;
  const auto& units = rows.units;
  const auto& rules = rows.rules;
  if (departments.empty() && units.empty() && rules.empty()) {
    return InvalidFields({{"chunks", "the import carries no rows"}});
  }
  auto imported =
      transactions_.RunFor<ImportCounts>([&](Transaction& tx) -> absl::StatusOr<ImportCounts> {
        store_.AllowLongImport(tx);
        std::vector<FieldViolation> bad;
        auto report = [&](std::vector<FieldViolation>& found) {
          for (FieldViolation& v : found) {
            if (bad.size() < kMaxViolations) bad.push_back(std::move(v));
          }
          found.clear();
        };
        std::vector<FieldViolation> found;
        DirectoryFacts facts{store_.DepartmentKinds(tx), {}};
        for (size_t i = 0; i < departments.size(); ++i) {
          ValidateDepartment(*departments[i], absl::StrCat("departments[", i, "]"), found);
          facts.departments[departments[i]->code()] = departments[i]->functional();
        }
        report(found);
        std::vector<std::string> outside_parents;
        for (size_t i = 0; i < units.size(); ++i) {
          if (!facts.unit_ids.insert(units[i]->id()).second) {
            found.push_back({absl::StrCat("units[", i, "].id"), "appears twice in the import"});
          }
        }
        for (const v1::Unit* u : units) {
          if (!u->parent_id().empty() && !facts.unit_ids.contains(u->parent_id())) {
            outside_parents.push_back(u->parent_id());
          }
        }
        for (std::string& id : store_.ExistingUnitIds(tx, outside_parents)) {
          facts.unit_ids.insert(std::move(id));
        }
        for (size_t i = 0; i < units.size() && bad.size() + found.size() < kMaxViolations; ++i) {
          ValidateUnit(*units[i], facts, absl::StrCat("units[", i, "]"), found);
        }
        report(found);
        for (size_t i = 0; i < rules.size(); ++i) {
          ValidateRule(*rules[i], facts, absl::StrCat("rules[", i, "]"), found);
        }
        report(found);
        if (!bad.empty()) return InvalidFields(std::move(bad));

        ImportCounts counts;
        for (const v1::DepartmentType* d : departments) store_.UpsertDepartment(tx, *d);
        counts.departments = static_cast<int64_t>(departments.size());
        if (!units.empty()) {
          const ImportedUnits written = store_.ImportUnits(tx, units, rows.replace);
          counts.units = written.written;
          counts.deactivated_units = written.deactivated;
        }
        std::vector<int64_t> rule_ids;
        for (const v1::CatalogueRule* r : rules) rule_ids.push_back(store_.UpsertRule(tx, *r).id());
        counts.rules = static_cast<int64_t>(rules.size());
        if (rows.replace && !rules.empty()) {
          counts.deactivated_rules = store_.DeactivateRulesExcept(tx, rule_ids);
        }
        return counts;
      });
  if (!imported.ok()) return imported.status();
  imported->directory_version = directory_.RefreshedVersion();
  return imported;
}

}  // namespace hotline::routing
