#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hotline/routing/v1/routing.pb.h"
#include "services/routing/rules/directory_snapshot.h"
#include "tools/directory/divisions.h"
#include "tools/directory/unit_generator.h"

namespace hotline::bench {

// What the benchmark builds the national directory from: deploy/directory/ (departments.csv,
// catalogue.csv and the statistical divisions), read once.
struct DirectoryFiles {
  std::vector<routing::v1::DepartmentType> departments;
  std::vector<routing::v1::CatalogueRule> rules;  // ids 1..n in file order
  directory::Divisions divisions;
};

// INVALID_ARGUMENT naming the bad rows of any file.
absl::StatusOr<DirectoryFiles> ReadDirectoryFiles(const std::string& dir);

// Every province of the division data, `villages_per_township` made-up villages under each of
// the 41,352 townships, each with the given village department(s).
directory::GeneratorOptions NationalOptions(const directory::Divisions& divisions,
                                            int villages_per_township,
                                            std::vector<std::string> village_departments);

struct BuiltDirectory {
  std::shared_ptr<const routing::DirectorySnapshot> snapshot;
  directory::GenerationCounts counts;
  absl::Duration generate_only;       // the generator alone, with a sink that does nothing
  absl::Duration generate_and_build;  // generator → Builder::AddUnit → Build
};

// Builds the snapshot straight from the generator, as LoadDirectory would from the tables.
absl::StatusOr<BuiltDirectory> BuildSnapshot(const DirectoryFiles& files,
                                             const directory::GeneratorOptions& options);

}  // namespace hotline::bench
