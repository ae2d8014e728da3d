#include "services/reporting/rules/ranking.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/ascii.h"

namespace hotline::reporting {

std::vector<ScoreWeight> DefaultRankingWeights() {
  return {{"signed_on_time_rate", 0.2},
          {"completed_on_time_rate", 0.3},
          {"satisfaction_rate", 0.3},
          {"resolved_rate", 0.2}};
}

std::vector<RankedUnit> RankUnits(std::vector<UnitFigures> units,
                                  const std::vector<ScoreWeight>& weights) {
  std::vector<RankedUnit> ranked;
  for (UnitFigures& unit : units) {
    double scored = 0, weighed = 0;
    for (size_t i = 0; i < weights.size() && i < unit.parts.size(); ++i) {
      const std::optional<double>& value = unit.parts[i].value;
      if (!value) continue;
      const double w = weights[i].weight;
      scored += std::fabs(w) * (w < 0 ? 1 - *value : *value);
      weighed += std::fabs(w);
    }
    if (weighed == 0) continue;
    ranked.push_back({0, std::move(unit.unit_id), 100 * scored / weighed, std::move(unit.parts)});
  }
  std::sort(ranked.begin(), ranked.end(), [](const RankedUnit& a, const RankedUnit& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.unit_id < b.unit_id;
  });
  for (size_t i = 0; i < ranked.size(); ++i) {
    const bool tied = i > 0 && ranked[i].score == ranked[i - 1].score;
    ranked[i].rank = tied ? ranked[i - 1].rank : static_cast<int>(i) + 1;
  }
  return ranked;
}

std::optional<int> UnitCodeDigits(absl::string_view unit_id) {
  size_t digits = 0;
  while (digits < unit_id.size() && absl::ascii_isdigit(unit_id[digits])) ++digits;
  if (digits == unit_id.size()) return std::nullopt;
  for (int tier : {2, 4, 6, 9, 12}) {
    if (static_cast<int>(digits) == tier) return tier;
  }
  return std::nullopt;
}

}  // namespace hotline::reporting
