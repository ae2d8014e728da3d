#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hotline/routing/v1/routing.pb.h"
#include "tools/directory/divisions.h"

namespace hotline::directory {

struct GeneratorOptions {
  // Division code prefixes to generate, e.g. {"53", "1502"}. The province of each scope is
  // always generated too, so that an instance has provincial departments to transfer to.
  std::vector<std::string> scopes;
  // Villages made up below each township (the division data stops at townships): codes
  // township + "001".."0NN", names "<乡镇名>第N村" or "第N社区" under streets.
  int villages_per_township = 10;
  std::vector<std::string> village_departments = {"village-committee", "child-director"};
  std::vector<std::string> contact_roles = {"duty-officer", "liaison"};
};

struct GenerationCounts {
  int64_t province_units = 0;
  int64_t prefecture_units = 0;
  int64_t county_units = 0;
  int64_t township_units = 0;
  int64_t village_units = 0;
  int64_t villages = 0;  // generated village divisions
  // Counties and townships left out because their statistical code has a placeholder segment
  // ("441900", "350527000") that no region code can hold.
  int64_t skipped_divisions = 0;

  int64_t total_units() const {
    return province_units + prefecture_units + county_units + township_units + village_units;
  }
};

// Called once per unit, parents before children; the unit is only valid during the call.
using UnitSink = std::function<void(const routing::v1::Unit& unit)>;

// Emits the units of the scopes, deterministically (division code order, then the order of
// DepartmentSpecs()). Unit ids are "<region_code>-<department>". A unit's parent is the unit of
// the same department one tier up when the generator places one there, else that tier's
// government; tiers outside the scopes are skipped, and so are divisions whose code is not a
// valid region code (see skipped_divisions). INVALID_ARGUMENT for an unknown scope or
// village department, or villages_per_township outside 0..999.
absl::StatusOr<GenerationCounts> GenerateUnits(const Divisions& divisions,
                                               const GeneratorOptions& options,
                                               const UnitSink& sink);

}  // namespace hotline::directory
