#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "libs/common/transaction.h"
#include "services/reporting/rules/published_rows.h"

namespace hotline::reporting {

// A report as it was handed over (reporting_frozen_reports, reporting_frozen_rows).
struct FrozenReport {
  std::string report;  // e.g. "minors-monthly"
  absl::CivilDay period_start;
  std::string region_prefix;
  int catalogue_version = 0;
  int suppression_threshold = 0;
  std::string digest;
  absl::Time frozen_at;
  std::vector<PublishedRow> rows;
};

class FrozenReportStore {
 public:
  virtual ~FrozenReportStore() = default;
  virtual std::optional<FrozenReport> Load(Transaction& tx, const std::string& report,
                                           absl::CivilDay period_start,
                                           const std::string& region_prefix) = 0;
  // Stores `frozen` unless that report of that period and region is frozen already (a concurrent
  // request froze it first): the first one stays.
  virtual void FreezeOnce(Transaction& tx, const FrozenReport& frozen) = 0;
};

}  // namespace hotline::reporting
