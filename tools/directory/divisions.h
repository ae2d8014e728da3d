#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace hotline::directory {

struct Division {
  std::string code;  // 2, 4, 6 or 9 digits
  std::string name;  // "云南省", "昆明市", "五华区", "华山街道"
};

// The statistical divisions (deploy/directory/divisions/), each level sorted by code, so the
// children of a division are one contiguous run found by prefix.
struct Divisions {
  std::vector<Division> provinces;    // provinces.csv
  std::vector<Division> prefectures;  // cities.csv
  std::vector<Division> counties;     // areas.csv
  std::vector<Division> townships;    // streets.csv

  // The divisions of `level` whose code starts with `prefix`.
  static absl::Span<const Division> Within(const std::vector<Division>& level,
                                           std::string_view prefix);
  // The division with exactly this code at any level, or nullptr.
  const Division* Find(std::string_view code) const;
};

// Reads provinces.csv, cities.csv, areas.csv and streets.csv from `dir`. INVALID_ARGUMENT lists
// the bad rows (file:line) when a code has the wrong length or lies outside its parent.
absl::StatusOr<Divisions> LoadDivisions(const std::string& dir);

}  // namespace hotline::directory
