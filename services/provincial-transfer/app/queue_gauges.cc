#include "services/provincial-transfer/app/queue_gauges.h"

#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <algorithm>
#include <vector>

namespace hotline::transfer {

QueueGauges::QueueGauges(TransactionRunner& transactions, const MessageStore& messages,
                         const Clock& clock, prometheus::Registry& registry)
    : transactions_(transactions), messages_(messages), clock_(clock), registry_(registry) {}

QueueGauges::~QueueGauges() { Stop(); }

QueueGauges::PeerGauges& QueueGauges::GaugesOf(const std::string& peer) {
  auto [it, added] = gauges_.try_emplace(peer);
  if (!added) return it->second;
  auto gauge = [&](const char* name, const char* help) {
    return &prometheus::BuildGauge().Name(name).Help(help).Register(registry_).Add(
        {{"peer", peer}});
  };
  it->second.pending =
      gauge("hotline_transfer_peer_pending", "Messages to the peer not delivered yet");
  it->second.oldest_seconds = gauge("hotline_transfer_peer_oldest_pending_seconds",
                                    "Age of the oldest message the peer has not acknowledged");
  it->second.retrying = gauge("hotline_transfer_peer_retrying",
                              "Messages to the peer pending after a failed attempt");
  it->second.dead_letters = gauge("hotline_transfer_peer_dead_letters",
                                  "Messages to the peer given up on, waiting for an operator");
  return it->second;
}

absl::Status QueueGauges::Refresh() {
  std::vector<PeerQueue> queues;
  absl::Status read = transactions_.Run([&](Transaction& tx) {
    queues = messages_.QueueByPeer(tx);
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  const absl::Time now = clock_.Now();
  // Peers shown before and absent now have emptied their queue.
  std::map<std::string, PeerQueue> by_peer;
  for (const auto& [peer, gauges] : gauges_) by_peer[peer].peer = peer;
  for (PeerQueue& q : queues) by_peer[q.peer] = std::move(q);
  for (const auto& [peer, q] : by_peer) {
    PeerGauges& g = GaugesOf(peer);
    g.pending->Set(static_cast<double>(q.pending));
    g.retrying->Set(static_cast<double>(q.retrying));
    g.dead_letters->Set(static_cast<double>(q.dead_lettered));
    g.oldest_seconds->Set(q.oldest_pending ? absl::ToDoubleSeconds(std::max(now - *q.oldest_pending,
                                                                            absl::ZeroDuration()))
                                           : 0.0);
  }
  return absl::OkStatus();
}

void QueueGauges::Start(absl::Duration every) {
  thread_ = std::thread([this, every] {
    do {
      Refresh().IgnoreError();  // a failed count shows the last one until the next
    } while (!stop_.WaitForNotificationWithTimeout(every));
  });
}

void QueueGauges::Stop() {
  if (!stop_.HasBeenNotified()) stop_.Notify();
  if (thread_.joinable()) thread_.join();
}

}  // namespace hotline::transfer
