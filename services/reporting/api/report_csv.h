#pragma once

#include <string>
#include <vector>

#include "services/reporting/app/indicator_queries.h"
#include "services/reporting/app/rankings.h"

namespace hotline::reporting {

// GetIndicators' answer as CSV (UTF-8, a header line, RFC 4180 quoting, '\n' line ends): one line
// per group and indicator. The header names the grouped dimensions (lower case: "county",
// "unit"…), then indicator, numerator, denominator, value, and with a previous period
// previous_numerator, previous_denominator, previous_value. Values have up to 10 significant
// digits and are empty when undefined.
std::string IndicatorsCsv(const IndicatorReport& report, const std::vector<GroupBy>& group_by);

// GetRanking's answer as CSV, in the same form: the header
// rank,unit,score,indicator,weight,numerator,denominator,value and one line per unit and part of
// its score, best unit first.
std::string RankingCsv(const Ranking& ranking);

// HotTopics' answer as CSV: the header dimension,value,count,previous_count,rise and one line per
// topic, categories first, then places; the dimension in lower case ("category", "county"…).
std::string HotTopicsCsv(const HotTopicsReport& hot);

}  // namespace hotline::reporting
