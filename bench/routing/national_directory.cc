#include "bench/routing/national_directory.h"

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tools/directory/catalogue_file.h"
#include "tools/directory/department_file.h"

namespace hotline::bench {
namespace {

absl::Status RowErrors(const std::vector<directory::RowError>& errors) {
  if (errors.empty()) return absl::OkStatus();
  std::string text;
  for (const directory::RowError& e : errors) absl::StrAppend(&text, "\n  ", e.ToString());
  return absl::InvalidArgumentError(text);
}

}  // namespace

absl::StatusOr<DirectoryFiles> ReadDirectoryFiles(const std::string& dir) {
  DirectoryFiles files;
  const std::string departments = dir + "/departments.csv";
  const std::string catalogue = dir + "/catalogue.csv";
  std::ifstream departments_in(departments, std::ios::binary);
  std::ifstream catalogue_in(catalogue, std::ios::binary);
  if (!departments_in || !catalogue_in) {
    return absl::NotFoundError(absl::StrCat("cannot read ", departments, " or ", catalogue,
                                            " (run from the repository root or give --directory)"));
  }
  absl::Status read = RowErrors(directory::ReadDepartments(
      departments_in, departments,
      [&](routing::v1::DepartmentType&& d, int) { files.departments.push_back(std::move(d)); }));
  if (!read.ok()) return read;
  read = RowErrors(directory::ReadCatalogue(
      catalogue_in, catalogue, [&](routing::v1::CatalogueRule&& rule, int) {
        rule.set_id(static_cast<int64_t>(files.rules.size()) + 1);
        files.rules.push_back(std::move(rule));
      }));
  if (!read.ok()) return read;
  absl::StatusOr<directory::Divisions> divisions = directory::LoadDivisions(dir + "/divisions");
  if (!divisions.ok()) return divisions.status();
  files.divisions = *std::move(divisions);
  return files;
}

directory::GeneratorOptions NationalOptions(const directory::Divisions& divisions,
                                            int villages_per_township,
                                            std::vector<std::string> village_departments) {
  directory::GeneratorOptions options;
  for (const directory::Division& province : divisions.provinces) {
    options.scopes.push_back(province.code);
  }
  options.villages_per_township = villages_per_township;
  options.village_departments = std::move(village_departments);
  return options;
}

absl::StatusOr<BuiltDirectory> BuildSnapshot(const DirectoryFiles& files,
                                             const directory::GeneratorOptions& options) {
  BuiltDirectory built;
  absl::Time start = absl::Now();
  absl::StatusOr<directory::GenerationCounts> counted =
      directory::GenerateUnits(files.divisions, options, [](const routing::v1::Unit&) {});
  if (!counted.ok()) return counted.status();
  built.generate_only = absl::Now() - start;
  built.counts = *counted;

  start = absl::Now();
  routing::DirectorySnapshot::Builder builder;
  for (const routing::v1::DepartmentType& d : files.departments) {
    builder.AddDepartment(d.code());
  }
  builder.Reserve(static_cast<size_t>(counted->total_units()));  // as LoadDirectory does
  absl::Status failed;
  absl::StatusOr<directory::GenerationCounts> generated =
      directory::GenerateUnits(files.divisions, options, [&](const routing::v1::Unit& unit) {
        if (!failed.ok()) return;
        failed = builder.AddUnit(unit.id(), unit.name(), unit.region_code(), unit.department());
        if (!failed.ok())
          failed = absl::InvalidArgumentError(absl::StrCat(unit.id(), ": ", failed.message()));
      });
  if (!generated.ok()) return generated.status();
  if (!failed.ok()) return failed;
  for (const routing::v1::CatalogueRule& rule : files.rules) {
    const std::vector<std::string> departments(rule.departments().begin(),
                                               rule.departments().end());
    absl::Status added = builder.AddRule(rule.id(), rule.category_prefix(), rule.region_prefix(),
                                         static_cast<routing::AreaKind>(rule.area_kind()),
                                         static_cast<domain::Tier>(rule.tier()), departments,
                                         rule.priority(), rule.note());
    if (!added.ok()) return added;
  }
  const absl::Time end = absl::Now();
  built.snapshot = std::move(builder).Build(1, end, end - start);
  built.generate_and_build = absl::Now() - start;
  return built;
}

}  // namespace hotline::bench
