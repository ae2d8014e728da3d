#include "services/reporting/rules/catalogue.h"

#include "absl/strings/str_cat.h"

namespace hotline::reporting {
namespace {

absl::Status Bad(const IndicatorRowText& row, absl::string_view why) {
  return absl::FailedPreconditionError(absl::StrCat("indicator ", row.code, ": ", why));
}

absl::StatusOr<std::vector<Counter>> Counters(const IndicatorRowText& row,
                                              const std::vector<std::string>& names) {
  std::vector<Counter> counters;
  for (const std::string& name : names) {
    std::optional<Counter> c = CounterFromName(name);
    if (!c) return Bad(row, absl::StrCat("unknown counter ", name));
    counters.push_back(*c);
  }
  return counters;
}

}  // namespace

absl::StatusOr<IndicatorDef> ParseIndicator(const IndicatorRowText& row) {
  if (row.kind < 1 || row.kind > 5) return Bad(row, absl::StrCat("unknown kind ", row.kind));
  IndicatorDef def;
  def.code = row.code;
  def.name = row.name;
  def.kind = static_cast<IndicatorKind>(row.kind);
  absl::StatusOr<std::vector<Counter>> numerator = Counters(row, row.numerator);
  if (!numerator.ok()) return numerator.status();
  absl::StatusOr<std::vector<Counter>> denominator = Counters(row, row.denominator);
  if (!denominator.ok()) return denominator.status();
  if (numerator->empty()) return Bad(row, "no numerator");
  const bool divides = def.kind == IndicatorKind::kRatio || def.kind == IndicatorKind::kAverage;
  if (divides && denominator->empty()) return Bad(row, "a ratio or average needs a denominator");
  if (def.kind == IndicatorKind::kAverage && row.parameter <= 0) {
    return Bad(row, "an average needs a positive divisor (parameter)");
  }
  if (def.kind == IndicatorKind::kPercentile && !(row.parameter > 0 && row.parameter <= 1)) {
    return Bad(row, "a percentile's parameter is a quantile in (0, 1]");
  }
  def.numerator = *std::move(numerator);
  def.denominator = *std::move(denominator);
  def.parameter = row.parameter;
  def.unit = row.unit;
  def.time_base = row.time_base;
  def.attribution = row.attribution;
  def.exclusions = row.exclusions;
  def.formula = row.formula;
  return def;
}

}  // namespace hotline::reporting
