#pragma once

#include "absl/status/status.h"
#include "hotline/common/v1/event.pb.h"
#include "libs/common/transaction.h"
#include "services/provincial-transfer/app/forwarding.h"
#include "services/provincial-transfer/app/recalling.h"
#include "services/provincial-transfer/app/status_relay.h"
#include "services/provincial-transfer/app/supplement_forwarding.h"

namespace hotline::transfer {

// Transfer's consumer (group "transfer"): routing.transferred_out → Forwarding; the changes the
// origin of a received ticket follows (accepted, dispatched, replied, closed, followed up,
// withdrawn) → StatusRelay; a withdrawal of a ticket sent elsewhere → Recalling; a supplement
// (intake.supplement_added) → SupplementForwarding.
class TicketEventsHandler {
 public:
  TicketEventsHandler(const Forwarding& forwarding, const StatusRelay& relay,
                      const Recalling& recalling, const SupplementForwarding& supplements)
      : forwarding_(forwarding), relay_(relay), recalling_(recalling), supplements_(supplements) {}

  bool Wants(const hotline::common::v1::EventEnvelope& event) const;
  absl::Status Handle(const hotline::common::v1::EventEnvelope& event, Transaction& tx) const;

 private:
  const Forwarding& forwarding_;
  const StatusRelay& relay_;
  const Recalling& recalling_;
  const SupplementForwarding& supplements_;
};

}  // namespace hotline::transfer
