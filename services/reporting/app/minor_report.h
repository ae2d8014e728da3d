#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "services/reporting/app/indicator_queries.h"
#include "services/reporting/rules/corrections.h"
#include "services/reporting/rules/published_rows.h"
#include "services/reporting/store/frozen_report_store.h"

namespace hotline::reporting {

inline constexpr char kMinorsMonthly[] = "minors-monthly";

struct MinorReportQuery {
  absl::CivilDay month_start;  // the first day of the month
  std::string region_prefix;   // canonical, already scoped to the caller
};

struct MinorReport {
  int catalogue_version = 0;
  absl::CivilDay month_start;
  std::string region_prefix;
  int suppression_threshold = 0;
  std::vector<PublishedRow> rows;
  std::optional<absl::Time> frozen_at;  // set once the month is frozen
  std::string digest;                   // SHA-256 hex of PublishedCsv(rows)
};

// A frozen report and what the counts restate since.
struct ReportCorrections {
  MinorReport reported;  // as handed over
  std::vector<CorrectionRow> rows;
};

// MonthlyMinorProtectionReport: the tickets involving a minor in a jurisdiction's month — the
// totals (volumes, emergency referrals and the 12349 chain, timeliness, follow-up and
// satisfaction, open at the month's end), then the volume by kind, category, channel and line —
// with small counts withheld. The first request after the month ended freezes it; every later
// request answers the frozen rows, so a submitted report is reproduced byte for byte.
class MinorReports {
 public:
  MinorReports(TransactionRunner& transactions, IndicatorQueries& indicators,
               FrozenReportStore& frozen, const Clock& clock, absl::TimeZone zone,
               int suppression_threshold)
      : transactions_(transactions),
        indicators_(indicators),
        frozen_(frozen),
        clock_(clock),
        zone_(zone),
        threshold_(suppression_threshold) {}

  absl::StatusOr<MinorReport> Get(const MinorReportQuery& query);

  // The frozen month against the same report computed from the counts now (with the threshold
  // it was published with): the figures late events restated, as deltas. FAILED_PRECONDITION
  // while the month is not frozen (its figures are live).
  absl::StatusOr<ReportCorrections> Corrections(const MinorReportQuery& query);

 private:
  absl::StatusOr<MinorReport> Compute(const MinorReportQuery& query, int threshold);
  absl::StatusOr<std::optional<FrozenReport>> LoadFrozen(const MinorReportQuery& query);

  TransactionRunner& transactions_;
  IndicatorQueries& indicators_;
  FrozenReportStore& frozen_;
  const Clock& clock_;
  const absl::TimeZone zone_;
  const int threshold_;
};

}  // namespace hotline::reporting
