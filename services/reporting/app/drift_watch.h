#pragma once

#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <cstdint>
#include <thread>

#include "absl/status/status.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "services/reporting/app/drift_check.h"
#include "services/reporting/app/rollup_status.h"

namespace hotline::reporting {

struct DriftWatchOptions {
  int cells = 20;  // cells sampled per check
  int days = 7;    // the checks go round the last `days` whole days before the newest applied
};

// Runs the drift check on a timer and exports it:
//   hotline_reporting_drift_cells          cells that differed in the last check (healthy: 0)
//   hotline_reporting_drift_checked_cells  cells the last check compared
// Each run samples another day (yesterday of the newest applied event, then the day before, …
// round `days`) and another set of cells; the day being written now is never checked.
class DriftWatch {
 public:
  DriftWatch(DriftCheck& check, RollupStatusQuery& status, absl::TimeZone zone,
             DriftWatchOptions options, prometheus::Registry& registry);
  ~DriftWatch();

  // One check; OK with nothing done before any event was applied.
  absl::Status RunOnce();

  void Start(absl::Duration every);
  void Stop();

 private:
  DriftCheck& check_;
  RollupStatusQuery& status_;
  const absl::TimeZone zone_;
  const DriftWatchOptions options_;
  prometheus::Gauge& mismatches_;
  prometheus::Gauge& checked_;
  int64_t runs_ = 0;
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace hotline::reporting
