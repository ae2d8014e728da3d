#include "services/reporting/rules/indicator_math.h"

#include <array>

#include "absl/strings/numbers.h"
#include "services/reporting/rules/histogram.h"

namespace hotline::reporting {
namespace {

int64_t SumOf(const std::vector<Counter>& counters, const CounterSums& sums) {
  int64_t total = 0;
  for (Counter c : counters) total += sums.Total(c);
  return total;
}

std::optional<double> Divide(int64_t numerator, int64_t denominator, double divisor = 1) {
  if (denominator == 0) return std::nullopt;
  return static_cast<double>(numerator) / static_cast<double>(denominator) / divisor;
}

Figure Percentile(const IndicatorDef& def, const CounterSums& flow) {
  std::array<int64_t, kBucketCount> buckets{};
  Figure figure;
  for (Counter c : def.numerator) {
    for (const auto& [detail, count] : flow.Details(c)) {
      int bucket = 0;
      if (!absl::SimpleAtoi(detail, &bucket) || bucket < 0 || bucket >= kBucketCount) continue;
      buckets[bucket] += count;
      figure.numerator += count;
    }
  }
  figure.value = QuantileHours(buckets, def.parameter);
  return figure;
}

}  // namespace

void CounterSums::Add(Counter counter, const std::string& detail, int64_t amount) {
  sums_[{static_cast<int>(counter), detail}] += amount;
}

int64_t CounterSums::Total(Counter counter) const {
  int64_t total = 0;
  const int key = static_cast<int>(counter);
  for (auto it = sums_.lower_bound({key, ""}); it != sums_.end() && it->first.first == key; ++it) {
    total += it->second;
  }
  return total;
}

std::vector<std::pair<std::string, int64_t>> CounterSums::Details(Counter counter) const {
  std::vector<std::pair<std::string, int64_t>> details;
  const int key = static_cast<int>(counter);
  for (auto it = sums_.lower_bound({key, ""}); it != sums_.end() && it->first.first == key; ++it) {
    if (!it->first.second.empty()) details.emplace_back(it->first.second, it->second);
  }
  return details;
}

Figure ComputeFigure(const IndicatorDef& def, const CounterSums& flow, const CounterSums& level) {
  Figure figure;
  switch (def.kind) {
    case IndicatorKind::kCount:
      figure.numerator = SumOf(def.numerator, flow);
      figure.value = static_cast<double>(figure.numerator);
      if (def.numerator.size() == 1) figure.details = flow.Details(def.numerator[0]);
      break;
    case IndicatorKind::kRatio:
      figure.numerator = SumOf(def.numerator, flow);
      figure.denominator = SumOf(def.denominator, flow);
      figure.value = Divide(figure.numerator, figure.denominator);
      break;
    case IndicatorKind::kAverage:
      figure.numerator = SumOf(def.numerator, flow);
      figure.denominator = SumOf(def.denominator, flow);
      figure.value = Divide(figure.numerator, figure.denominator, def.parameter);
      break;
    case IndicatorKind::kPercentile:
      return Percentile(def, flow);
    case IndicatorKind::kStock:
      figure.numerator = SumOf(def.numerator, level);
      figure.value = static_cast<double>(figure.numerator);
      break;
  }
  return figure;
}

}  // namespace hotline::reporting
