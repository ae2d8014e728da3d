#pragma once

#include <random>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "hotline/transfer/v1/transfer.pb.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "services/provincial-transfer/app/topology_cache.h"
#include "services/provincial-transfer/rules/minor_schedule.h"
#include "services/provincial-transfer/store/minor_report_store.h"

namespace hotline::transfer {

// Where a prefecture's monthly minor-protection figures come from: its reporting service, for
// this instance's own jurisdiction (api/reporting_minor_source.h).
class MinorFiguresSource {
 public:
  virtual ~MinorFiguresSource() = default;
  // The month's figures ("YYYY-MM"), prefecture_code and month set.
  virtual absl::StatusOr<v1::MinorMonthFigures> Fetch(const std::string& month) = 0;
};

// How the figures reach the province (the peer port, mutual TLS).
class MinorPushTransport {
 public:
  virtual ~MinorPushTransport() = default;
  virtual absl::StatusOr<StoredRevision> DeliverMinorFigures(const PeerConfig& province,
                                                             const v1::MinorMonthFigures& figures,
                                                             absl::Duration timeout) = 0;
};

struct MinorPushOptions {
  MinorPushSchedule schedule;  // local time: Asia/Shanghai
  absl::Duration attempt_timeout = absl::Seconds(5);
};

// What PushMonth did.
struct QueuedMinorPush {
  bool queued = false;  // false: the same figures of the month were queued before
  std::string content_digest;
};

// A prefecture's side of the monthly push (store-and-forward): the month's figures are fetched
// from reporting and written to transfer_minor_pushes (one row per content), then sent to the
// province and retried with the province peer's backoff until it answers. A permanent refusal
// (INVALID_ARGUMENT, PERMISSION_DENIED, FAILED_PRECONDITION) leaves the row dead with the reason.
class MinorPushing {
 public:
  // `source` may be null (no reporting service configured): PushMonth is then
  // FAILED_PRECONDITION and the schedule does nothing; queued pushes are still sent.
  MinorPushing(TransactionRunner& transactions, const MinorReportStore& store,
               MinorFiguresSource* source, TopologyCache& topology, const Clock& clock,
               const SelfInstance& self, const MinorPushOptions& options);
  ~MinorPushing();

  // The admin RPC "push month M now": fetches the month's figures and queues them unless the
  // same content is already queued (a changed content is a new revision). The month must have
  // ended; only a prefecture pushes.
  absl::StatusOr<QueuedMinorPush> PushMonth(const std::string& month);
  // The schedule: once the due month (DueMinorMonth) has no push yet, fetch and queue it.
  absl::Status RunSchedule();
  // Sends what is due to the province; the number of pushes it acknowledged.
  absl::StatusOr<int> SendDue();

  // Where SendDue sends (none: the pushes wait in the table). Before Start.
  void SetTransport(MinorPushTransport* transport) { transport_ = transport; }
  // The schedule and the sender, every `every`, on a thread of their own.
  void Start(absl::Duration every);
  void Stop();

 private:
  absl::StatusOr<const PeerConfig*> Province(const Topology& topology) const;
  absl::Time NextAttempt(const RetryBounds& bounds, int attempts);

  TransactionRunner& transactions_;
  const MinorReportStore& store_;
  MinorFiguresSource* const source_;
  TopologyCache& topology_;
  const Clock& clock_;
  const SelfInstance self_;
  const MinorPushOptions options_;
  MinorPushTransport* transport_ = nullptr;
  absl::Mutex random_mu_;
  std::mt19937_64 random_ ABSL_GUARDED_BY(random_mu_){std::random_device{}()};
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace hotline::transfer
