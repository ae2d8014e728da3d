#pragma once

#include "absl/status/statusor.h"
#include "hotline/reporting/v1/reporting.pb.h"
#include "services/reporting/app/indicator_queries.h"
#include "services/reporting/app/minor_report.h"

namespace hotline::reporting {

// The longest period a request may ask for, in days (about three years).
inline constexpr int kMaxPeriodDays = 3 * 366;

// The request as the use case's query, or INVALID_ARGUMENT listing every bad field: a period
// that is missing, malformed, reversed or too long; a region prefix that is not a division code;
// an unknown kind, channel or line; a group-by that is unknown, repeated, or a second region tier.
// Scope (jurisdiction, a unit's own figures) is applied afterwards (api/access.h).
absl::StatusOr<IndicatorQuery> ToIndicatorQuery(
    const hotline::reporting::v1::GetIndicatorsRequest& request);

// INVALID_ARGUMENT for a month that is not "YYYY-MM" or a region prefix that is not a division
// code (the prefix comes back canonical; scope is applied afterwards).
absl::StatusOr<MinorReportQuery> ToMinorReportQuery(
    const hotline::reporting::v1::MonthlyMinorProtectionReportRequest& request);

}  // namespace hotline::reporting
