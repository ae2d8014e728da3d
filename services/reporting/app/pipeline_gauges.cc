#include "services/reporting/app/pipeline_gauges.h"

#include <algorithm>
#include <vector>

#include "libs/common/log.h"

namespace hotline::reporting {

PipelineGauges::PipelineGauges(TransactionRunner& transactions, OutboxStore& outbox,
                               StreamGroups& groups, const Clock& clock,
                               prometheus::Registry& registry)
    : transactions_(transactions),
      outbox_(outbox),
      groups_(groups),
      clock_(clock),
      lag_(prometheus::BuildGauge()
               .Name("hotline_reporting_stream_lag_events")
               .Help("Ticket stream entries not yet delivered to a consumer group (all partitions)")
               .Register(registry)),
      pending_(
          prometheus::BuildGauge()
              .Name("hotline_reporting_stream_pending_events")
              .Help("Ticket stream entries delivered to a consumer group, not yet acknowledged")
              .Register(registry)),
      outbox_events_(prometheus::BuildGauge()
                         .Name("hotline_reporting_outbox_pending_events")
                         .Help("Ticket events committed but not yet published to the stream")
                         .Register(registry)
                         .Add({})),
      outbox_oldest_(prometheus::BuildGauge()
                         .Name("hotline_reporting_outbox_oldest_age_seconds")
                         .Help("How long the oldest unpublished ticket event has waited (0: none)")
                         .Register(registry)
                         .Add({})) {}

PipelineGauges::~PipelineGauges() { Stop(); }

absl::Status PipelineGauges::RefreshGroups() {
  absl::StatusOr<std::vector<GroupBacklog>> backlogs = groups_.Backlogs();
  if (!backlogs.ok()) return backlogs.status();
  for (auto& [name, gauges] : seen_groups_) {
    gauges.first->Set(0);
    gauges.second->Set(0);
  }
  for (const GroupBacklog& b : *backlogs) {
    auto [it, fresh] = seen_groups_.try_emplace(b.group);
    if (fresh) {
      it->second = {&lag_.Add({{"group", b.group}}), &pending_.Add({{"group", b.group}})};
    }
    it->second.first->Set(static_cast<double>(b.lag));
    it->second.second->Set(static_cast<double>(b.pending));
  }
  return absl::OkStatus();
}

absl::Status PipelineGauges::Refresh() {
  OutboxBacklog backlog;
  absl::Status read = transactions_.Run([&](Transaction& tx) {
    backlog = outbox_.Backlog(tx);
    return absl::OkStatus();
  });
  if (read.ok()) {
    outbox_events_.Set(static_cast<double>(backlog.events));
    outbox_oldest_.Set(backlog.oldest
                           ? std::max(0.0, absl::ToDoubleSeconds(clock_.Now() - *backlog.oldest))
                           : 0.0);
  }
  absl::Status groups = RefreshGroups();
  return read.ok() ? groups : read;
}

void PipelineGauges::Start(absl::Duration every) {
  thread_ = std::thread([this, every] {
    while (!stop_.HasBeenNotified()) {
      if (absl::Status s = Refresh(); !s.ok()) {
        log::Warning("pipeline gauges not refreshed", {{"error", std::string(s.message())}});
      }
      stop_.WaitForNotificationWithTimeout(every);
    }
  });
}

void PipelineGauges::Stop() {
  if (!thread_.joinable()) return;
  stop_.Notify();
  thread_.join();
}

}  // namespace hotline::reporting
