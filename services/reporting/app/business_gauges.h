#pragma once

#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <map>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "libs/common/transaction.h"
#include "services/reporting/app/rollup_status.h"
#include "services/reporting/store/gauge_store.h"

namespace hotline::reporting {

// The business gauges on reporting's /metrics, refreshed on a timer:
//   hotline_reporting_open_tickets{state}      open tickets by their state
//   hotline_reporting_overdue_tickets{tier}    open tickets overdue, by the lead unit's tier
//   hotline_reporting_rollup_lag_seconds       how far the rollups are behind the ticket events
// Labels are states and tiers only: never a ticket, a unit or a person.
class BusinessGauges {
 public:
  BusinessGauges(TransactionRunner& transactions, GaugeStore& store, RollupStatusQuery& status,
                 prometheus::Registry& registry);
  ~BusinessGauges();

  // Reads the levels and sets the gauges; a state or tier seen before and absent now reads 0.
  absl::Status Refresh();

  // Refreshes every `every` on a thread of its own until Stop().
  void Start(absl::Duration every);
  void Stop();

 private:
  prometheus::Gauge& Labelled(prometheus::Family<prometheus::Gauge>& family,
                              std::map<std::string, prometheus::Gauge*>& seen,
                              const std::string& label_name, const std::string& value);

  TransactionRunner& transactions_;
  GaugeStore& store_;
  RollupStatusQuery& status_;
  prometheus::Family<prometheus::Gauge>& open_;
  prometheus::Family<prometheus::Gauge>& overdue_;
  prometheus::Gauge& lag_;
  std::map<std::string, prometheus::Gauge*> open_by_state_;
  std::map<std::string, prometheus::Gauge*> overdue_by_tier_;
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace hotline::reporting
