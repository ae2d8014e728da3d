#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "services/reporting/rules/catalogue.h"
#include "services/reporting/rules/counters.h"

namespace hotline::reporting {

// Summed counts of one group (one row of an answer): per counter, per detail.
class CounterSums {
 public:
  void Add(Counter counter, const std::string& detail, int64_t amount);
  int64_t Total(Counter counter) const;
  // The counter's sums per detail, details in order; empty details are left out.
  std::vector<std::pair<std::string, int64_t>> Details(Counter counter) const;

 private:
  std::map<std::pair<int, std::string>, int64_t> sums_;
};

struct Figure {
  int64_t numerator = 0;
  int64_t denominator = 0;
  std::optional<double> value;  // unset when undefined (a zero denominator, no data)
  std::vector<std::pair<std::string, int64_t>> details;  // a count's parts (e.g. by reason)
};

// An indicator's figure from a group's sums over the period (`flow`) and over all days up to the
// period's end (`level`, for stocks).
Figure ComputeFigure(const IndicatorDef& def, const CounterSums& flow, const CounterSums& level);

}  // namespace hotline::reporting
