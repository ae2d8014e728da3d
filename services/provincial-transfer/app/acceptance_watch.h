#pragma once

#include <map>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "libs/ticketstore/ticket_store.h"
#include "services/provincial-transfer/rules/acceptance_rules.h"
#include "services/provincial-transfer/store/acceptance_store.h"

namespace prometheus {
class Gauge;
class Registry;
}  // namespace prometheus

namespace hotline::transfer {

// The sender's watch for the receiver's acceptance (签收): each forwarded ticket is watched from
// its transfer.forwarded; an acceptance (or its return) ends the watch; when the limit of its tier
// passes first (rules/acceptance_rules.h), transfer.unacknowledged is raised on the ticket, once.
// hotline_transfer_unacknowledged{peer} counts the raised ones still unanswered.
class AcceptanceWatch {
 public:
  AcceptanceWatch(TransactionRunner& transactions, const ticketstore::TicketStore& tickets,
                  const AcceptanceStore& store, const Clock& clock, AcceptanceLimits limits,
                  prometheus::Registry* registry /* nullable */);
  ~AcceptanceWatch();

  // In the transaction of the event (the transfer consumer).
  absl::Status OnForwarded(Transaction& tx, int64_t ticket_id, const std::string& peer,
                           absl::Time at) const;
  absl::Status OnAnswered(Transaction& tx, int64_t ticket_id, absl::Time at) const;

  // Raises transfer.unacknowledged for the overdue watches, in one transaction; how many.
  absl::StatusOr<int> FlagOverdue();
  absl::Status RefreshGauge();

  void Start(absl::Duration every);
  void Stop();

 private:
  TransactionRunner& transactions_;
  const ticketstore::TicketStore& tickets_;
  const AcceptanceStore& store_;
  const Clock& clock_;
  const AcceptanceLimits limits_;
  prometheus::Registry* registry_;
  std::map<std::string, prometheus::Gauge*> gauges_;  // by the watching thread only
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace hotline::transfer
