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
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "services/reporting/store/stream_backlog.h"

namespace hotline::reporting {

// How far the event pipeline is behind, on reporting's /metrics, refreshed on a timer:
//   hotline_reporting_stream_lag_events{group}      stream entries not yet delivered to a group
//   hotline_reporting_stream_pending_events{group}  delivered to a group, not yet acknowledged
//   hotline_reporting_outbox_pending_events         events committed, not yet on the stream
//   hotline_reporting_outbox_oldest_age_seconds     how long the oldest of them has waited
// A group is a service name (every group on the stream, not only reporting's); a group seen
// once stays exported and reads 0 when it is gone.
class PipelineGauges {
 public:
  PipelineGauges(TransactionRunner& transactions, OutboxStore& outbox, StreamGroups& groups,
                 const Clock& clock, prometheus::Registry& registry);
  ~PipelineGauges();

  // Both parts are tried; the first error is returned.
  absl::Status Refresh();

  void Start(absl::Duration every);
  void Stop();

 private:
  absl::Status RefreshGroups();

  TransactionRunner& transactions_;
  OutboxStore& outbox_;
  StreamGroups& groups_;
  const Clock& clock_;
  prometheus::Family<prometheus::Gauge>& lag_;
  prometheus::Family<prometheus::Gauge>& pending_;
  prometheus::Gauge& outbox_events_;
  prometheus::Gauge& outbox_oldest_;
  std::map<std::string, std::pair<prometheus::Gauge*, prometheus::Gauge*>> seen_groups_;
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace hotline::reporting
