// generate: the unit directory of some divisions, as units.csv.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/time/clock.h"
#include "tools/directory/commands.h"
#include "tools/directory/divisions.h"
#include "tools/directory/unit_file.h"
#include "tools/directory/unit_generator.h"

ABSL_FLAG(std::string, divisions, "deploy/directory/divisions",
          "folder of provinces.csv, cities.csv, areas.csv and streets.csv");
ABSL_FLAG(std::vector<std::string>, scope, {},
          "division code prefixes to generate, e.g. 53,1502 (their provinces come too)");
ABSL_FLAG(int, villages_per_township, 10, "villages generated below each township (0..999)");
ABSL_FLAG(std::vector<std::string>, village_departments,
          std::vector<std::string>({"village-committee", "child-director"}),
          "units of each generated village");
ABSL_FLAG(std::string, out, "", "units.csv to write; - for stdout");

namespace hotline::directory {

int GenerateCommand() {
  GeneratorOptions options;
  options.scopes = absl::GetFlag(FLAGS_scope);
  options.villages_per_township = absl::GetFlag(FLAGS_villages_per_township);
  options.village_departments = absl::GetFlag(FLAGS_village_departments);
  const std::string out_path = absl::GetFlag(FLAGS_out);
  if (options.scopes.empty() || out_path.empty()) {
    std::fprintf(stderr, "generate needs --scope and --out\n");
    return kExitUsage;
  }
  const absl::Time start = absl::Now();
  absl::StatusOr<Divisions> divisions = LoadDivisions(absl::GetFlag(FLAGS_divisions));
  if (!divisions.ok()) {
    std::fprintf(stderr, "%s\n", std::string(divisions.status().message()).c_str());
    return kExitFailed;
  }
  // Written beside the target and renamed at the end: an interrupted run leaves no half file.
  const bool to_stdout = out_path == "-";
  const std::string temp_path = out_path + ".tmp";
  std::ofstream file;
  if (!to_stdout) {
    file.open(temp_path, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::fprintf(stderr, "cannot write %s\n", temp_path.c_str());
      return kExitFailed;
    }
  }
  std::ostream& out = to_stdout ? std::cout : file;
  absl::StatusOr<GenerationCounts> counts;
  {
    UnitCsvWriter writer(out);
    counts = GenerateUnits(*divisions, options, [&](const auto& unit) { writer.Write(unit); });
  }
  out.flush();
  if (!counts.ok()) {
    std::fprintf(stderr, "%s\n", std::string(counts.status().message()).c_str());
    if (!to_stdout) std::remove(temp_path.c_str());
    return counts.status().code() == absl::StatusCode::kInvalidArgument ? kExitUsage : kExitFailed;
  }
  if (!to_stdout) {
    file.close();
    if (!file || std::rename(temp_path.c_str(), out_path.c_str()) != 0) {
      std::fprintf(stderr, "cannot write %s\n", out_path.c_str());
      std::remove(temp_path.c_str());
      return kExitFailed;
    }
  } else if (!out) {
    return kExitFailed;
  }
  std::fprintf(
      stderr,
      "generated %lld units (province %lld, prefecture %lld, county %lld, township %lld, "
      "village %lld in %lld villages; %lld divisions without a valid region code skipped) "
      "in %.2fs\n",
      static_cast<long long>(counts->total_units()), static_cast<long long>(counts->province_units),
      static_cast<long long>(counts->prefecture_units),
      static_cast<long long>(counts->county_units), static_cast<long long>(counts->township_units),
      static_cast<long long>(counts->village_units), static_cast<long long>(counts->villages),
      static_cast<long long>(counts->skipped_divisions),
      absl::ToDoubleSeconds(absl::Now() - start));
  return 0;
}

}  // namespace hotline::directory
