#include "services/provincial-transfer/app/acceptance_watch.h"

#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include "hotline/transfer/v1/transfer_events.pb.h"
#include "libs/common/log.h"
#include "libs/common/proto_time.h"
#include "libs/domain/event_types.h"

namespace hotline::transfer {
namespace {

namespace common = hotline::common::v1;

constexpr int kBatch = 100;

common::Actor WatchActor() {
  common::Actor actor;
  actor.set_role(common::ROLE_ADMIN);
  actor.set_principal("transfer");
  return actor;
}

}  // namespace

AcceptanceWatch::AcceptanceWatch(TransactionRunner& transactions,
                                 const ticketstore::TicketStore& tickets,
                                 const AcceptanceStore& store, const Clock& clock,
                                 AcceptanceLimits limits, prometheus::Registry* registry)
    : transactions_(transactions),
      tickets_(tickets),
      store_(store),
      clock_(clock),
      limits_(limits),
      registry_(registry) {}

AcceptanceWatch::~AcceptanceWatch() { Stop(); }

absl::Status AcceptanceWatch::OnForwarded(Transaction& tx, int64_t ticket_id,
                                          const std::string& peer, absl::Time at) const {
  absl::StatusOr<common::Ticket> ticket = tickets_.Get(tx, ticket_id);
  if (!ticket.ok()) return absl::IsNotFound(ticket.status()) ? absl::OkStatus() : ticket.status();
  const AcceptanceTier tier = TierOf(*ticket);
  store_.Watch(tx, {ticket_id, peer, at, at + AcceptanceLimit(tier, limits_), TierName(tier)});
  return absl::OkStatus();
}

absl::Status AcceptanceWatch::OnAnswered(Transaction& tx, int64_t ticket_id, absl::Time at) const {
  store_.MarkAnswered(tx, ticket_id, at);
  return absl::OkStatus();
}

absl::StatusOr<int> AcceptanceWatch::FlagOverdue() {
  return transactions_.RunFor<int>([&](Transaction& tx) -> absl::StatusOr<int> {
    const absl::Time now = clock_.Now();
    int flagged = 0;
    for (const AcceptanceWatchRow& w : store_.Overdue(tx, now, kBatch)) {
      v1::TransferUnacknowledged event;
      event.set_destination_instance(w.peer);
      *event.mutable_forwarded_at() = ToTimestamp(w.forwarded_at);
      event.set_limit_seconds(absl::ToInt64Seconds(w.due_at - w.forwarded_at));
      event.set_tier(w.tier);
      auto recorded = tickets_.Record(tx, w.ticket_id, 0, event_type::kTransferUnacknowledged,
                                      event, WatchActor());
      // A ticket gone from the store has nobody to tell; the watch is done all the same.
      if (!recorded.ok() && !absl::IsNotFound(recorded.status())) return recorded.status();
      store_.MarkFlagged(tx, w.ticket_id, w.peer, now);
      ++flagged;
    }
    return flagged;
  });
}

absl::Status AcceptanceWatch::RefreshGauge() {
  std::map<std::string, int64_t> counts;
  absl::Status read = transactions_.Run([&](Transaction& tx) {
    counts = store_.UnacknowledgedByPeer(tx);
    return absl::OkStatus();
  });
  if (!read.ok() || registry_ == nullptr) return read;
  auto& family = prometheus::BuildGauge()
                     .Name("hotline_transfer_unacknowledged")
                     .Help("Forwarded tickets past their acceptance limit, not accepted yet")
                     .Register(*registry_);
  for (auto& [peer, gauge] : gauges_) gauge->Set(0);  // a peer that caught up reads 0
  for (const auto& [peer, count] : counts) {
    prometheus::Gauge*& gauge = gauges_[peer];
    if (gauge == nullptr) gauge = &family.Add({{"peer", peer}});
    gauge->Set(static_cast<double>(count));
  }
  return absl::OkStatus();
}

void AcceptanceWatch::Start(absl::Duration every) {
  thread_ = std::thread([this, every] {
    do {
      absl::StatusOr<int> flagged = FlagOverdue();
      if (!flagged.ok()) {
        log::Warning("transfer could not raise overdue acceptances",
                     {{"error", std::string(flagged.status().message())}});
      } else if (*flagged > 0) {
        log::Warning("forwarded tickets not accepted within their limit", {{"tickets", *flagged}});
      }
      RefreshGauge().IgnoreError();
    } while (!stop_.WaitForNotificationWithTimeout(every));
  });
}

void AcceptanceWatch::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (thread_.joinable()) thread_.join();
}

}  // namespace hotline::transfer
