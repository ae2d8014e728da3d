// Indicator arithmetic from summed counts, the catalogue rows' checks, the histogram and the
// counter names.
#include "services/reporting/rules/indicator_math.h"

#include <catch2/catch.hpp>
#include <set>

#include "services/reporting/rules/histogram.h"

namespace hotline::reporting {
namespace {

IndicatorDef Def(IndicatorKind kind, std::vector<Counter> num, std::vector<Counter> den = {},
                 double parameter = 0) {
  IndicatorDef d;
  d.code = "x";
  d.kind = kind;
  d.numerator = std::move(num);
  d.denominator = std::move(den);
  d.parameter = parameter;
  return d;
}

TEST_CASE("A ratio sums its counters and divides, a zero denominator leaves it undefined") {
  CounterSums flow;
  flow.Add(Counter::kVerySatisfied, "", 3);
  flow.Add(Counter::kSatisfied, "", 4);
  flow.Add(Counter::kBasicallySatisfied, "", 1);
  flow.Add(Counter::kEvaluated, "", 10);
  const IndicatorDef rate =
      Def(IndicatorKind::kRatio,
          {Counter::kVerySatisfied, Counter::kSatisfied, Counter::kBasicallySatisfied},
          {Counter::kEvaluated});
  Figure f = ComputeFigure(rate, flow, {});
  CHECK(f.numerator == 8);
  CHECK(f.denominator == 10);
  REQUIRE(f.value.has_value());
  CHECK(*f.value == Approx(0.8));
  CHECK_FALSE(ComputeFigure(rate, CounterSums(), {}).value.has_value());
}

TEST_CASE("A count shows its parts by detail") {
  CounterSums flow;
  flow.Add(Counter::kNotAccepted, "scope.litigation", 2);
  flow.Add(Counter::kNotAccepted, "scope.petition", 1);
  Figure f = ComputeFigure(Def(IndicatorKind::kCount, {Counter::kNotAccepted}), flow, {});
  CHECK(f.numerator == 3);
  CHECK(*f.value == 3);
  REQUIRE(f.details.size() == 2);
  CHECK(f.details[0] == std::make_pair(std::string("scope.litigation"), int64_t{2}));
  CHECK(f.details[1] == std::make_pair(std::string("scope.petition"), int64_t{1}));
}

TEST_CASE("An average divides by its parameter, a stock reads the level, not the flow") {
  CounterSums flow, level;
  flow.Add(Counter::kHandlingSeconds, "", 3 * 3600 + 5 * 3600);
  flow.Add(Counter::kHandled, "", 2);
  flow.Add(Counter::kOpen, "", -4);
  level.Add(Counter::kOpen, "", 7);
  Figure avg = ComputeFigure(
      Def(IndicatorKind::kAverage, {Counter::kHandlingSeconds}, {Counter::kHandled}, 3600), flow,
      level);
  CHECK(*avg.value == Approx(4.0));
  Figure open = ComputeFigure(Def(IndicatorKind::kStock, {Counter::kOpen}), flow, level);
  CHECK(open.numerator == 7);
}

TEST_CASE("A percentile comes from the bucket counts") {
  CounterSums flow;
  flow.Add(Counter::kHandlingBucket, "0", 5);  // [0, 1) h
  flow.Add(Counter::kHandlingBucket, "3", 5);  // [4, 8) h
  Figure p90 =
      ComputeFigure(Def(IndicatorKind::kPercentile, {Counter::kHandlingBucket}, {}, 0.9), flow, {});
  CHECK(p90.numerator == 10);
  REQUIRE(p90.value.has_value());
  CHECK(*p90.value == Approx(4 + 4 * 0.8));  // the 9th of 10 is 4/5 into [4, 8)
  Figure none = ComputeFigure(Def(IndicatorKind::kPercentile, {Counter::kHandlingBucket}, {}, 0.9),
                              CounterSums(), {});
  CHECK_FALSE(none.value.has_value());
}

TEST_CASE("Histogram buckets and quantiles") {
  CHECK(BucketOf(absl::ZeroDuration()) == 0);
  CHECK(BucketOf(-absl::Hours(1)) == 0);
  CHECK(BucketOf(absl::Minutes(59)) == 0);
  CHECK(BucketOf(absl::Hours(1)) == 1);
  CHECK(BucketOf(absl::Hours(7.99)) == 3);
  CHECK(BucketOf(absl::Hours(8)) == 4);
  CHECK(BucketOf(absl::Hours(400)) == kBucketCount - 1);
  std::array<int64_t, kBucketCount> counts{};
  counts[kBucketCount - 1] = 3;
  CHECK(*QuantileHours(counts, 0.5) == Approx(400));
  counts = {};
  counts[1] = 4;  // [1, 2)
  CHECK(*QuantileHours(counts, 0.5) == Approx(1.5));
  CHECK(*QuantileHours(counts, 1.0) == Approx(2.0));
}

TEST_CASE("Catalogue rows are checked: counters, kinds, denominators, quantiles") {
  IndicatorRowText row;
  row.code = "satisfaction_rate";
  row.kind = 2;
  row.numerator = {"satisfied"};
  row.denominator = {"evaluated"};
  REQUIRE(ParseIndicator(row).ok());
  CHECK(ParseIndicator(row)->numerator == std::vector<Counter>{Counter::kSatisfied});

  IndicatorRowText unknown = row;
  unknown.numerator = {"satisfied", "happy"};
  auto bad = ParseIndicator(unknown);
  REQUIRE(bad.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(bad.status().message() == "indicator satisfaction_rate: unknown counter happy");

  IndicatorRowText no_den = row;
  no_den.denominator.clear();
  CHECK(ParseIndicator(no_den).status().code() == absl::StatusCode::kFailedPrecondition);
  IndicatorRowText kind = row;
  kind.kind = 9;
  CHECK(ParseIndicator(kind).status().code() == absl::StatusCode::kFailedPrecondition);
  IndicatorRowText p = row;
  p.kind = 4;
  p.numerator = {"handling_bucket"};
  p.parameter = 90;
  CHECK(ParseIndicator(p).status().code() == absl::StatusCode::kFailedPrecondition);
  p.parameter = 0.9;
  CHECK(ParseIndicator(p).ok());
  IndicatorRowText avg = row;
  avg.kind = 3;
  CHECK(ParseIndicator(avg).status().code() == absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("Counters are numbered 1..N in order, with unique names that read back") {
  std::set<std::string_view> names;
  int expected = 1;
  for (const CounterInfo& info : AllCounters()) {
    CHECK(static_cast<int>(info.counter) == expected++);
    CHECK(names.insert(info.name).second);
    CHECK(CounterFromName(info.name) == info.counter);
    CHECK(CounterName(info.counter) == info.name);
    CHECK(CounterFromNumber(static_cast<int>(info.counter)) == info.counter);
  }
  CHECK_FALSE(CounterFromNumber(0).has_value());
  CHECK_FALSE(CounterFromNumber(expected).has_value());
  CHECK_FALSE(CounterFromName("nope").has_value());
}

}  // namespace
}  // namespace hotline::reporting
