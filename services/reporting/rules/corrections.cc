#include "services/reporting/rules/corrections.h"

#include <map>
#include <string>
#include <tuple>

namespace hotline::reporting {
namespace {

using RowKey = std::tuple<std::string, std::string, std::string>;

RowKey KeyOf(const PublishedRow& row) { return {row.section, row.key, row.code}; }

// The row a group has when it is absent on one side: nothing counted.
PublishedRow ZeroLike(const PublishedRow& row) {
  PublishedRow zero;
  zero.section = row.section;
  zero.key = row.key;
  zero.code = row.code;
  zero.kind = row.kind;
  if (row.kind == IndicatorKind::kCount || row.kind == IndicatorKind::kStock) zero.value = 0;
  return zero;
}

bool ShowsTheSame(const PublishedRow& a, const PublishedRow& b) {
  return a.numerator == b.numerator && a.denominator == b.denominator && a.value == b.value &&
         a.suppressed == b.suppressed;
}

CorrectionRow Correction(const PublishedRow& reported, const PublishedRow& restated) {
  CorrectionRow row{reported, restated};
  row.suppressed = reported.suppressed || restated.suppressed;
  if (row.suppressed) return row;
  row.numerator_delta = restated.numerator - reported.numerator;
  row.denominator_delta = restated.denominator - reported.denominator;
  if (reported.value && restated.value) row.value_delta = *restated.value - *reported.value;
  return row;
}

}  // namespace

std::vector<CorrectionRow> Corrections(const std::vector<PublishedRow>& reported,
                                       const std::vector<PublishedRow>& restated) {
  std::map<RowKey, const PublishedRow*> now;
  for (const PublishedRow& row : restated) now[KeyOf(row)] = &row;
  std::vector<CorrectionRow> out;
  std::map<RowKey, bool> seen;
  for (const PublishedRow& then : reported) {
    seen[KeyOf(then)] = true;
    auto it = now.find(KeyOf(then));
    const PublishedRow restated_row = it != now.end() ? *it->second : ZeroLike(then);
    if (!ShowsTheSame(then, restated_row)) out.push_back(Correction(then, restated_row));
  }
  for (const PublishedRow& row : restated) {
    if (seen.count(KeyOf(row)) > 0) continue;
    const PublishedRow reported_row = ZeroLike(row);
    if (!ShowsTheSame(reported_row, row)) out.push_back(Correction(reported_row, row));
  }
  return out;
}

}  // namespace hotline::reporting
