#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/reporting/rules/catalogue.h"
#include "services/reporting/rules/indicator_math.h"

namespace hotline::reporting {

// One figure of a report that leaves the suite (the monthly minors' report): which section and
// group it belongs to, and the figure, possibly withheld.
struct PublishedRow {
  std::string section;  // "total", "kind", "category", "channel", "line"
  std::string key;      // the group within the section ("" for the total)
  std::string code;     // the indicator
  IndicatorKind kind = IndicatorKind::kCount;
  int64_t numerator = 0;
  int64_t denominator = 0;
  std::optional<double> value;
  bool suppressed = false;
};

// The row of a computed figure, withheld when it could single someone out: a count or level
// from 1 to below `threshold`, or a ratio, average or percentile over such a count. Zero is
// shown (it reveals nobody); a threshold of 0 or 1 withholds nothing.
PublishedRow Publish(std::string section, std::string key, const IndicatorDef& def,
                     const Figure& figure, int threshold);

// The rows as CSV (UTF-8, a header line, RFC 4180 quoting, '\n' line ends): what the report's
// digest is computed over, and what ExportReport streams. Values are printed with up to 10
// significant digits; undefined or withheld values are empty.
std::string PublishedCsv(const std::vector<PublishedRow>& rows);

}  // namespace hotline::reporting
