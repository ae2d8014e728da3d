#include "tools/directory/import_sources.h"

#include <array>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tools/directory/string_views.h"

namespace hotline::directory {

std::string DescribeViolation(const ImportSources& sources, std::string_view field,
                              std::string_view description) {
  const std::array<std::pair<std::string_view, const ImportSource*>, 3> kinds = {{
      {"departments[", &sources.departments},
      {"units[", &sources.units},
      {"rules[", &sources.rules},
  }};
  // The row kind is the first segment ("rules[1].departments[0]" is a rule), after an optional
  // "chunks[N]." prefix.
  std::string_view path = field;
  if (StartsWith(path, "chunks[")) {
    const size_t dot = path.find("].");
    if (dot != std::string_view::npos) path.remove_prefix(dot + 2);
  }
  for (const auto& [prefix, source] : kinds) {
    if (!StartsWith(path, prefix)) continue;
    const size_t open = prefix.size();
    const size_t close = path.find(']', open);
    size_t index = 0;
    if (close == std::string_view::npos ||
        !absl::SimpleAtoi(Av(path.substr(open, close - open)), &index) ||
        index >= source->lines.size()) {
      break;
    }
    std::string_view rest = path.substr(close + 1);
    if (!rest.empty() && rest.front() == '.') rest.remove_prefix(1);
    std::string where = absl::StrCat(source->file, ":", source->lines[index]);
    if (rest.empty()) return absl::StrCat(where, ": ", Av(description));
    return absl::StrCat(where, ": ", Av(rest), ": ", Av(description));
  }
  return absl::StrCat(Av(field), ": ", Av(description));
}

}  // namespace hotline::directory
