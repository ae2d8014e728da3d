#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "services/reporting/rules/published_rows.h"

namespace hotline::reporting {

// One figure of a frozen report that the counts, as they stand now, restate: late events (a
// follow-up after the month ended, a delayed delivery) change the live figures, never the report
// that was handed over, so the change is shown as a delta against it.
struct CorrectionRow {
  PublishedRow reported;  // as handed over; a zero row when the group was not in the report
  PublishedRow restated;  // as the counts give it now; a zero row when the group is gone
  int64_t numerator_delta = 0;
  int64_t denominator_delta = 0;
  std::optional<double> value_delta;  // when both values are defined and shown
  // Either side withheld: the deltas are withheld too (a delta of withheld counts would tell
  // them).
  bool suppressed = false;
};

// The figures that differ between the report handed over and the same report computed now
// (with the same catalogue and threshold), in the report's order, then the groups new since.
// Figures withheld both times are equal for this purpose: nothing of them is shown.
std::vector<CorrectionRow> Corrections(const std::vector<PublishedRow>& reported,
                                       const std::vector<PublishedRow>& restated);

}  // namespace hotline::reporting
