#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hotline/common/v1/auth.pb.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "libs/ticketstore/ticket_store.h"
#include "services/provincial-transfer/app/topology_cache.h"
#include "services/provincial-transfer/store/acceptance_store.h"
#include "services/provincial-transfer/store/delivery_store.h"

namespace hotline::transfer {

struct PeerQueueView {
  PeerQueueRow queue;
  bool configured = false;     // false: removed from the topology, messages still queued
  int64_t unacknowledged = 0;  // forwarded tickets past their acceptance limit, not accepted
};

// One ticket's messages (by peer, then sequence) and its acceptance watches (by peer).
struct TicketDeliveriesView {
  std::vector<DeliveryRow> rows;
  std::vector<AcceptanceWatchRow> watches;
};

// The operators' view and steering of deliveries, instance-wide: each peer's queue and last
// outcomes, one ticket's messages per destination (never their content), and the actions: retry
// a message or a whole peer now, park a message, cancel one with a compensating message in its
// place. Every action needs a reason and is audited in its transaction.
class DeliverySteering {
 public:
  DeliverySteering(TransactionRunner& transactions, const ticketstore::TicketStore& tickets,
                   const DeliveryStore& deliveries, const MessageStore& messages,
                   const AcceptanceStore& acceptances, TopologyCache& topology, const Clock& clock,
                   std::string self_code)
      : transactions_(transactions),
        tickets_(tickets),
        deliveries_(deliveries),
        messages_(messages),
        acceptances_(acceptances),
        topology_(topology),
        clock_(clock),
        self_code_(std::move(self_code)) {}

  // Configured peers and any other with queued messages, by code.
  absl::StatusOr<std::vector<PeerQueueView>> PeerQueues();
  // NOT_FOUND when there is no such ticket here.
  absl::StatusOr<TicketDeliveriesView> TicketDeliveries(const std::string& ticket_number);

  // How many messages were made due now. NOT_FOUND for an unknown message; FAILED_PRECONDITION
  // for one delivered already.
  absl::StatusOr<int> RetryMessage(const hotline::common::v1::Actor& actor, int64_t message_id,
                                   const std::string& reason);
  // NOT_FOUND for a peer neither configured nor with messages.
  absl::StatusOr<int> RetryPeer(const hotline::common::v1::Actor& actor, const std::string& peer,
                                bool dead_letters, const std::string& reason);
  // FAILED_PRECONDITION unless the message is pending or dead-lettered.
  absl::StatusOr<DeliveryRow> Park(const hotline::common::v1::Actor& actor, int64_t message_id,
                                   const std::string& reason);
  // FAILED_PRECONDITION for a message delivered (recall the ticket instead) or cancelled already.
  absl::StatusOr<DeliveryRow> Cancel(const hotline::common::v1::Actor& actor, int64_t message_id,
                                     const std::string& reason_code, const std::string& reason);

 private:
  // The message under lock in `tx`; NOT_FOUND when there is none.
  absl::StatusOr<DeliveryRow> Locked(Transaction& tx, int64_t message_id) const;
  void Audit(Transaction& tx, const hotline::common::v1::Actor& actor, const char* action,
             const std::string& peer, std::optional<int64_t> message_id, int messages,
             const std::string& reason) const;

  TransactionRunner& transactions_;
  const ticketstore::TicketStore& tickets_;
  const DeliveryStore& deliveries_;
  const MessageStore& messages_;
  const AcceptanceStore& acceptances_;
  TopologyCache& topology_;
  const Clock& clock_;
  const std::string self_code_;
};

}  // namespace hotline::transfer
