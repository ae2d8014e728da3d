#pragma once

#include "absl/status/statusor.h"
#include "hotline/reporting/v1/reporting.pb.h"
#include "services/reporting/app/indicator_queries.h"
#include "services/reporting/app/minor_report.h"
#include "services/reporting/app/rankings.h"

namespace hotline::reporting {

// The longest period a request may ask for, in days (about three years).
inline constexpr int kMaxPeriodDays = 3 * 366;

// The request as the use case's query, or INVALID_ARGUMENT listing every bad field: a period
// that is missing, malformed, reversed or too long; a region prefix that is not a division code;
// an unknown kind, channel or line; a group-by that is unknown, repeated, or a second region tier.
// Scope (jurisdiction, a unit's own figures) is applied afterwards (api/access.h).
absl::StatusOr<IndicatorQuery> ToIndicatorQuery(
    const hotline::reporting::v1::GetIndicatorsRequest& request);

// The same checks of the period and filters, and: a tier is required; at most 20 weights, each
// naming an indicator once with a finite, non-zero weight within ±1000 (whether the catalogue has
// it and it is a ratio is the use case's check).
absl::StatusOr<RankingQuery> ToRankingQuery(
    const hotline::reporting::v1::GetRankingRequest& request);

// The same checks of the period and filters, and a limit from 0 (= 10) to 100.
absl::StatusOr<HotTopicsQuery> ToHotTopicsQuery(
    const hotline::reporting::v1::HotTopicsRequest& request);

// INVALID_ARGUMENT for a month that is not "YYYY-MM" or a region prefix that is not a division
// code (the prefix comes back canonical; scope is applied afterwards).
absl::StatusOr<MinorReportQuery> ToMinorReportQuery(
    const hotline::reporting::v1::MonthlyMinorProtectionReportRequest& request);

}  // namespace hotline::reporting
