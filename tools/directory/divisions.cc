#include "tools/directory/divisions.h"

#include <algorithm>
#include <array>
#include <fstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/directory/csv_table.h"
#include "tools/directory/string_views.h"

namespace hotline::directory {
namespace {

// Each file: its name, code length, and the column naming the parent (checked as a prefix).
struct LevelFile {
  const char* file;
  size_t digits;
  std::array<ColumnSpec, 5> columns;
  size_t column_count;
  int parent_column;  // -1 for provinces
};

constexpr std::array<LevelFile, 4> kLevels = {{
    {"provinces.csv", 2, {{{"code"}, {"name"}}}, 2, -1},
    {"cities.csv", 4, {{{"code"}, {"name"}, {"provinceCode"}}}, 3, 2},
    {"areas.csv", 6, {{{"code"}, {"name"}, {"cityCode"}, {"provinceCode"}}}, 4, 2},
    {"streets.csv", 9, {{{"code"}, {"name"}, {"areaCode"}, {"provinceCode"}, {"cityCode"}}}, 5, 2},
}};

bool AllDigits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void ReadLevel(const std::string& dir, const LevelFile& level, std::vector<Division>* out,
               std::vector<RowError>* errors) {
  const std::string path = absl::StrCat(dir, "/", level.file);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    errors->push_back(RowError{path, 0, "", "cannot open"});
    return;
  }
  auto columns = absl::MakeConstSpan(level.columns.data(), level.column_count);
  std::vector<RowError> found =
      ReadTable(in, path, columns, [&](absl::Span<const std::string_view> f, RowErrors& e) {
        if (f[0].size() != level.digits || !AllDigits(f[0])) {
          e.Add("code", absl::StrCat("expected ", level.digits, " digits"));
        } else if (level.parent_column >= 0 && !StartsWith(f[0], f[level.parent_column])) {
          e.Add("code", "does not lie inside its parent");
        }
        if (f[1].empty()) e.Add("name", "empty");
        if (!e.any()) out->push_back(Division{std::string(f[0]), std::string(f[1])});
      });
  errors->insert(errors->end(), found.begin(), found.end());
  std::sort(out->begin(), out->end(),
            [](const Division& a, const Division& b) { return a.code < b.code; });
}

}  // namespace

absl::Span<const Division> Divisions::Within(const std::vector<Division>& level,
                                             std::string_view prefix) {
  auto first = std::lower_bound(level.begin(), level.end(), prefix,
                                [](const Division& d, std::string_view p) { return d.code < p; });
  auto last = first;
  while (last != level.end() && StartsWith(last->code, prefix)) ++last;
  return absl::MakeConstSpan(level.data() + (first - level.begin()), last - first);
}

const Division* Divisions::Find(std::string_view code) const {
  for (const std::vector<Division>* level : {&provinces, &prefectures, &counties, &townships}) {
    absl::Span<const Division> run = Within(*level, code);
    if (!run.empty() && run.front().code == code) return &run.front();
  }
  return nullptr;
}

absl::StatusOr<Divisions> LoadDivisions(const std::string& dir) {
  Divisions divisions;
  std::vector<RowError> errors;
  std::array<std::vector<Division>*, 4> outs = {&divisions.provinces, &divisions.prefectures,
                                                &divisions.counties, &divisions.townships};
  for (size_t i = 0; i < kLevels.size(); ++i) ReadLevel(dir, kLevels[i], outs[i], &errors);
  if (!errors.empty()) {
    return absl::InvalidArgumentError(absl::StrJoin(
        errors, "\n", [](std::string* out, const RowError& e) { out->append(e.ToString()); }));
  }
  return divisions;
}

}  // namespace hotline::directory
