#pragma once

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "hotline/transfer/v1/transfer.pb.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "services/provincial-transfer/app/pull_page.h"
#include "services/provincial-transfer/app/topology_cache.h"
#include "services/provincial-transfer/rules/delivery_rules.h"
#include "services/provincial-transfer/store/delivery_store.h"
#include "services/provincial-transfer/store/message_store.h"

namespace prometheus {
class Counter;
class Registry;
template <typename T>
class Family;
}  // namespace prometheus

namespace hotline::transfer {

// How messages reach a peer: the gRPC client with this instance's certificate
// (api/grpc_peer_transport.h), or a fake in tests.
class PeerTransport {
 public:
  struct Ack {
    std::string ticket_number;  // the receiver's ticket, for a ticket
    bool applied = true;        // false: held there until its predecessor arrives
  };
  virtual ~PeerTransport() = default;
  virtual absl::StatusOr<Ack> Deliver(const PeerConfig& peer, const v1::PeerEnvelope& envelope,
                                      absl::Duration timeout) = 0;
  // One page of what the peer holds for this instance (catch-up by pull).
  virtual absl::StatusOr<PulledPage> Pull(const PeerConfig& peer, const PullRequest& request,
                                          absl::Duration timeout) {
    return absl::UnimplementedError("this transport does not pull");
  }
};

struct SenderOptions {
  absl::Duration idle_poll = absl::Milliseconds(200);  // a peer's wait when nothing was due
  absl::Duration attempt_timeout = absl::Seconds(5);
};

// Delivers the outbox, one worker per peer so that a slow or dead peer delays no other. Each
// worker sends up to the peer's max_in_flight messages at once (a ticket's next message only
// after its previous one: per-ticket order, no head-of-line blocking across tickets), through the
// peer's circuit breaker, and records each outcome: delivered; retried after a jittered,
// doubling backoff (UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, NOT_FOUND, …); or
// dead-lettered with its reason (INVALID_ARGUMENT, PERMISSION_DENIED, FAILED_PRECONDITION, or
// the peer's max_attempts spent).
class PeerSender {
 public:
  PeerSender(TransactionRunner& transactions, const MessageStore& messages, TopologyCache& topology,
             PeerTransport& transport, const Clock& clock, SenderOptions options,
             prometheus::Registry* registry /* nullable */);
  ~PeerSender();

  // One round for `peer`: sends what is due now and records the outcomes; how many it attempted.
  int SendDue(const PeerConfig& peer);

  // Catch-up by pull (app/catch_up.h), run for a peer when its worker starts and each time its
  // breaker closes again after an outage; how many messages it took in. Set before Start.
  using CatchUpFn = std::function<absl::StatusOr<int>(const PeerConfig& peer)>;
  void SetCatchUp(CatchUpFn catch_up) { catch_up_ = std::move(catch_up); }
  // Where each peer's last success and last error are kept, and operators' "retry now" read (an
  // open breaker then probes at once). Set before Start; without it neither happens.
  void SetPeerStatus(const DeliveryStore* deliveries) { deliveries_ = deliveries; }
  // Whether `peer`'s catch-up is still owed (it has not succeeded since start or the last outage).
  bool CatchUpOwed(const std::string& peer);
  // Runs the catch-up when it is owed and the breaker lets a call through (it may be the probe);
  // each worker calls it before each round.
  void CatchUpIfOwed(const PeerConfig& peer);

  // Workers for every configured peer, following topology changes.
  void Start();
  void Stop();

 private:
  struct PeerMetrics {
    prometheus::Counter* delivered = nullptr;
    prometheus::Counter* retried = nullptr;
    prometheus::Counter* dead_lettered = nullptr;
  };
  CircuitBreaker& BreakerOf(const PeerConfig& peer);
  PeerMetrics MetricsOf(const std::string& peer);
  // Whether an operator asked for `peer` to be tried now since this sender last looked.
  bool RetryRequested(const std::string& peer);
  void Supervise();
  void Work(const std::string& peer);

  TransactionRunner& transactions_;
  const MessageStore& messages_;
  TopologyCache& topology_;
  PeerTransport& transport_;
  const Clock& clock_;
  const SenderOptions options_;
  prometheus::Registry* registry_;
  const absl::Time started_at_;

  absl::Mutex mu_;
  std::map<std::string, std::unique_ptr<CircuitBreaker>> breakers_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, PeerMetrics> metrics_ ABSL_GUARDED_BY(mu_);
  std::set<std::string> caught_up_ ABSL_GUARDED_BY(mu_);
  CatchUpFn catch_up_;
  const DeliveryStore* deliveries_ = nullptr;
  std::map<std::string, absl::Time> retry_requests_seen_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::thread> workers_;  // by the supervisor thread only
  absl::Notification stop_;
  std::thread supervisor_;
};

}  // namespace hotline::transfer
