#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/reporting/rules/indicator_math.h"

namespace hotline::reporting {

// One part of the ranking score: a ratio indicator of the catalogue and its weight. A negative
// weight marks a ratio where less is better (e.g. reopen_rate): the part scores 1 − value.
struct ScoreWeight {
  std::string indicator;
  double weight = 0;
};

// The weights used when a request names none: 按时签收率 0.2, 按时办结率 0.3, 满意率 0.3,
// 解决率 0.2.
std::vector<ScoreWeight> DefaultRankingWeights();

// A unit's figures, one per weight, in the weights' order.
struct UnitFigures {
  std::string unit_id;
  std::vector<Figure> parts;
};

struct RankedUnit {
  int rank = 0;  // 1 = best; equal scores share a rank (1, 1, 3)
  std::string unit_id;
  double score = 0;  // 0 … 100
  std::vector<Figure> parts;
};

// The composite score: 100 × Σ |w|·s ÷ Σ |w| over the parts whose value is defined, where s is
// the value (w > 0) or 1 − value (w < 0). A part without data (no denominator) is left out of both
// sums rather than counted as zero; a unit with no defined part is not ranked. Best score first,
// equal scores by unit id.
std::vector<RankedUnit> RankUnits(std::vector<UnitFigures> units,
                                  const std::vector<ScoreWeight>& weights);

// The tier of a unit as the number of digits of the division code its id begins with (the
// directory's convention: "530102-civil-affairs" is a county unit, 6); nullopt when the id does
// not begin with 2, 4, 6, 9 or 12 digits followed by a non-digit.
std::optional<int> UnitCodeDigits(absl::string_view unit_id);

}  // namespace hotline::reporting
