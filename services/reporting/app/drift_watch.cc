#include "services/reporting/app/drift_watch.h"

#include <algorithm>
#include <string>

#include "libs/common/log.h"

namespace hotline::reporting {

DriftWatch::DriftWatch(DriftCheck& check, RollupStatusQuery& status, absl::TimeZone zone,
                       DriftWatchOptions options, prometheus::Registry& registry)
    : check_(check),
      status_(status),
      zone_(zone),
      options_(options),
      mismatches_(prometheus::BuildGauge()
                      .Name("hotline_reporting_drift_cells")
                      .Help("Rollup cells that differed from a recomputation in the last drift "
                            "check (RebuildRollups repairs them)")
                      .Register(registry)
                      .Add({})),
      checked_(prometheus::BuildGauge()
                   .Name("hotline_reporting_drift_checked_cells")
                   .Help("Rollup cells the last drift check compared")
                   .Register(registry)
                   .Add({})) {}

DriftWatch::~DriftWatch() { Stop(); }

absl::Status DriftWatch::RunOnce() {
  absl::StatusOr<RollupStatusView> status = status_.Get();
  if (!status.ok()) return status.status();
  if (!status->last_applied_at) return absl::OkStatus();
  const int back = 1 + static_cast<int>(runs_ % std::max(1, options_.days));
  const absl::CivilDay day = absl::ToCivilDay(*status->last_applied_at, zone_) - back;
  absl::StatusOr<DriftResult> result = check_.Check(day, options_.cells, runs_);
  ++runs_;
  if (!result.ok()) return result.status();
  mismatches_.Set(result->mismatches);
  checked_.Set(result->cells_checked);
  if (result->mismatches > 0) {
    log::Warning(
        "rollup cells differ from their recomputation",
        {{"day", absl::FormatCivilTime(day)}, {"cells", std::to_string(result->mismatches)}});
  }
  return absl::OkStatus();
}

void DriftWatch::Start(absl::Duration every) {
  thread_ = std::thread([this, every] {
    while (!stop_.WaitForNotificationWithTimeout(every)) {
      if (absl::Status s = RunOnce(); !s.ok()) {
        log::Warning("drift check not run", {{"error", std::string(s.message())}});
      }
    }
  });
}

void DriftWatch::Stop() {
  if (!thread_.joinable()) return;
  stop_.Notify();
  thread_.join();
}

}  // namespace hotline::reporting
