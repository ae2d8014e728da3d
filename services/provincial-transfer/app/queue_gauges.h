#pragma once

#include <map>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "services/provincial-transfer/store/message_store.h"

namespace prometheus {
class Gauge;
class Registry;
}  // namespace prometheus

namespace hotline::transfer {

// Each peer's queue on /metrics, counted from the outbox so that every replica shows the same:
// hotline_transfer_peer_pending, hotline_transfer_peer_oldest_pending_seconds (age of the oldest
// message the peer has not acknowledged), hotline_transfer_peer_retrying and
// hotline_transfer_peer_dead_letters. Labelled by peer only. A peer whose queue empties reads 0.
class QueueGauges {
 public:
  QueueGauges(TransactionRunner& transactions, const MessageStore& messages, const Clock& clock,
              prometheus::Registry& registry);
  ~QueueGauges();

  absl::Status Refresh();

  void Start(absl::Duration every);
  void Stop();

 private:
  struct PeerGauges {
    prometheus::Gauge* pending = nullptr;
    prometheus::Gauge* oldest_seconds = nullptr;
    prometheus::Gauge* retrying = nullptr;
    prometheus::Gauge* dead_letters = nullptr;
  };
  PeerGauges& GaugesOf(const std::string& peer);

  TransactionRunner& transactions_;
  const MessageStore& messages_;
  const Clock& clock_;
  prometheus::Registry& registry_;
  std::map<std::string, PeerGauges> gauges_;  // by the refreshing thread only
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace hotline::transfer
