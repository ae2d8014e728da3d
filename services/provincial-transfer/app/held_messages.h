#pragma once

#include <thread>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "services/provincial-transfer/store/message_store.h"

namespace prometheus {
class Counter;
class Registry;
}  // namespace prometheus

namespace hotline::transfer {

// A message held for its predecessor waits `hold` at most; then it is parked, counted in
// hotline_transfer_inbox_parked_total (alert on it), and its ticket's later messages wait too
// until an operator steps in: applying it out of order would break the ticket's history.
class HeldMessages {
 public:
  HeldMessages(TransactionRunner& transactions, const MessageStore& messages, const Clock& clock,
               absl::Duration hold, prometheus::Registry* registry /* nullable */);
  ~HeldMessages();

  // Parks what has waited too long; how many.
  absl::StatusOr<int> ParkOverdue();

  void Start();  // checks every quarter of `hold`, at least every 10 s
  void Stop();

 private:
  TransactionRunner& transactions_;
  const MessageStore& messages_;
  const Clock& clock_;
  const absl::Duration hold_;
  prometheus::Counter* parked_ = nullptr;
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace hotline::transfer
