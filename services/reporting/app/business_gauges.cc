#include "services/reporting/app/business_gauges.h"

#include "libs/common/log.h"
#include "services/reporting/rules/gauge_labels.h"

namespace hotline::reporting {

BusinessGauges::BusinessGauges(TransactionRunner& transactions, GaugeStore& store,
                               RollupStatusQuery& status, prometheus::Registry& registry)
    : transactions_(transactions),
      store_(store),
      status_(status),
      open_(prometheus::BuildGauge()
                .Name("hotline_reporting_open_tickets")
                .Help("Open tickets by state, as reporting has applied their events")
                .Register(registry)),
      overdue_(prometheus::BuildGauge()
                   .Name("hotline_reporting_overdue_tickets")
                   .Help("Open tickets whose handling clock went overdue, by the lead unit's tier")
                   .Register(registry)),
      lag_(prometheus::BuildGauge()
               .Name("hotline_reporting_rollup_lag_seconds")
               .Help("The newest counted ticket event minus the newest the rollups applied")
               .Register(registry)
               .Add({})) {}

BusinessGauges::~BusinessGauges() { Stop(); }

prometheus::Gauge& BusinessGauges::Labelled(prometheus::Family<prometheus::Gauge>& family,
                                            std::map<std::string, prometheus::Gauge*>& seen,
                                            const std::string& label_name,
                                            const std::string& value) {
  prometheus::Gauge*& gauge = seen[value];
  if (gauge == nullptr) gauge = &family.Add({{label_name, value}});
  return *gauge;
}

absl::Status BusinessGauges::Refresh() {
  std::vector<StateCount> open;
  std::vector<TierCount> overdue;
  absl::Status read = transactions_.Run([&](Transaction& tx) {
    open = store_.OpenByState(tx);
    overdue = store_.OverdueByTier(tx);
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  absl::StatusOr<RollupStatusView> status = status_.Get();
  if (!status.ok()) return status.status();

  std::map<std::string, double> by_state, by_tier;
  for (const auto& [label, gauge] : open_by_state_) by_state[label] = 0;
  for (const auto& [label, gauge] : overdue_by_tier_) by_tier[label] = 0;
  for (const StateCount& c : open) by_state[StateLabel(c.state)] += c.tickets;
  for (const TierCount& c : overdue) by_tier[TierLabel(c.code_digits)] += c.tickets;
  for (const auto& [label, n] : by_state) Labelled(open_, open_by_state_, "state", label).Set(n);
  for (const auto& [label, n] : by_tier) Labelled(overdue_, overdue_by_tier_, "tier", label).Set(n);
  lag_.Set(absl::ToDoubleSeconds(status->lag));
  return absl::OkStatus();
}

void BusinessGauges::Start(absl::Duration every) {
  thread_ = std::thread([this, every] {
    while (!stop_.HasBeenNotified()) {
      if (absl::Status s = Refresh(); !s.ok()) {
        log::Warning("business gauges not refreshed", {{"error", std::string(s.message())}});
      }
      stop_.WaitForNotificationWithTimeout(every);
    }
  });
}

void BusinessGauges::Stop() {
  if (!thread_.joinable()) return;
  stop_.Notify();
  thread_.join();
}

}  // namespace hotline::reporting
