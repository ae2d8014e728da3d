#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/reporting/rules/counters.h"
#include "services/reporting/rules/response_limits.h"

namespace hotline::reporting {

// Numbers mirror hotline.reporting.v1.IndicatorKind.
enum class IndicatorKind : int {
  kCount = 1,       // the numerator's sum
  kRatio = 2,       // numerator / denominator
  kAverage = 3,     // numerator / denominator / parameter (e.g. 3600: seconds → hours)
  kPercentile = 4,  // the `parameter` quantile of the numerator's histogram, in hours
  kStock = 5,       // the numerator's level at the period's end (all deltas up to then)
};

// One indicator of the catalogue, as data (reporting_indicators).
struct IndicatorDef {
  std::string code;
  std::string name;
  IndicatorKind kind = IndicatorKind::kCount;
  std::vector<Counter> numerator;
  std::vector<Counter> denominator;
  double parameter = 0;
  std::string unit;
  std::string time_base;  // "natural" or "working"
  std::string attribution;
  std::string exclusions;
  std::string formula;
};

struct Catalogue {
  int version = 0;
  absl::CivilDay effective_from;
  std::string calendar;
  std::vector<IndicatorDef> indicators;
  ResponseLimits response_limits;  // 响应率: the limits a first contact is judged against
};

// An indicator row as stored, before its names are checked.
struct IndicatorRowText {
  std::string code;
  std::string name;
  int kind = 0;
  std::vector<std::string> numerator;
  std::vector<std::string> denominator;
  double parameter = 0;
  std::string unit, time_base, attribution, exclusions, formula;
};

// Checks a stored row: FAILED_PRECONDITION naming the indicator when a counter name is unknown,
// the kind is not one of IndicatorKind, a ratio or average has no denominator, or a percentile's
// quantile is outside (0, 1].
absl::StatusOr<IndicatorDef> ParseIndicator(const IndicatorRowText& row);

}  // namespace hotline::reporting
