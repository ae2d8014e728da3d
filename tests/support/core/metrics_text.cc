#include "tests/support/core/metrics_text.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "tests/support/core/http_get.h"

namespace hotline::support {

std::vector<std::pair<std::string, double>> ParseSamples(absl::string_view text) {
  std::vector<std::pair<std::string, double>> samples;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    const size_t space = line.rfind(' ');
    if (line.empty() || line[0] == '#' || space == absl::string_view::npos) continue;
    double value = 0;
    if (!absl::SimpleAtod(line.substr(space + 1), &value)) continue;
    samples.emplace_back(std::string(line.substr(0, space)), value);
  }
  return samples;
}

double Sample(absl::string_view metrics_text, absl::string_view series) {
  for (const auto& [name, value] : ParseSamples(metrics_text)) {
    if (name == series) return value;
  }
  return -1;
}

std::vector<std::pair<std::string, double>> ScrapeMetrics(int port) {
  if (port <= 0) return {};
  absl::StatusOr<std::string> body = HttpGet(port, "/metrics");
  if (!body.ok()) return {};
  return ParseSamples(*body);
}

std::string BucketBound(absl::string_view series, absl::string_view family) {
  const std::string prefix = absl::StrCat(family, "_bucket{le=\"");
  if (!absl::StartsWith(series, prefix) || !absl::EndsWith(series, "\"}")) return "";
  return std::string(series.substr(prefix.size(), series.size() - prefix.size() - 2));
}

}  // namespace hotline::support
