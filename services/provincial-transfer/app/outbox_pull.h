#pragma once

#include "absl/status/statusor.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "services/provincial-transfer/app/pull_page.h"
#include "services/provincial-transfer/rules/topology.h"
#include "services/provincial-transfer/store/delivery_store.h"

namespace hotline::transfer {

// The serving side of catch-up by pull: a peer back from an outage asks for the messages this
// instance still holds for it, a bounded page at a time after its cursor, and names the ones it
// took in so far, which are recorded delivered (its inbox makes a repeat harmless, so a message
// also pushed meanwhile does no harm). Pull never replaces the push: a message missed by a page
// (its row committed after a later one was read) is still delivered by the sender.
class OutboxPull {
 public:
  static constexpr int kDefaultLimit = 100;
  static constexpr int kMaxLimit = 1000;

  OutboxPull(TransactionRunner& transactions, const DeliveryStore& deliveries, const Clock& clock)
      : transactions_(transactions), deliveries_(deliveries), clock_(clock) {}

  // `peer` is the configured peer whose certificate the caller presented. INVALID_ARGUMENT for a
  // cursor this instance did not give, a limit outside 0..1000 or more than 1000 taken ids.
  absl::StatusOr<PulledPage> Answer(const PeerConfig& peer, const PullRequest& request) const;

 private:
  TransactionRunner& transactions_;
  const DeliveryStore& deliveries_;
  const Clock& clock_;
};

}  // namespace hotline::transfer
