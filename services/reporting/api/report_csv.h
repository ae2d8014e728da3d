#pragma once

#include <string>
#include <vector>

#include "services/reporting/app/indicator_queries.h"

namespace hotline::reporting {

// GetIndicators' answer as CSV (UTF-8, a header line, RFC 4180 quoting, '\n' line ends): one line
// per group and indicator. The header names the grouped dimensions (lower case: "county",
// "unit"…), then indicator, numerator, denominator, value, and with a previous period
// previous_numerator, previous_denominator, previous_value. Values have up to 10 significant
// digits and are empty when undefined.
std::string IndicatorsCsv(const IndicatorReport& report, const std::vector<GroupBy>& group_by);

}  // namespace hotline::reporting
