#pragma once

#include "absl/status/status.h"
#include "hotline/common/v1/event.pb.h"
#include "libs/common/transaction.h"
#include "services/provincial-transfer/app/forwarding.h"

namespace hotline::transfer {

// Transfer's consumer (group "transfer"): routing.transferred_out → Forwarding.
class TicketEventsHandler {
 public:
  explicit TicketEventsHandler(const Forwarding& forwarding) : forwarding_(forwarding) {}

  bool Wants(const hotline::common::v1::EventEnvelope& event) const;
  absl::Status Handle(const hotline::common::v1::EventEnvelope& event, Transaction& tx) const;

 private:
  const Forwarding& forwarding_;
};

}  // namespace hotline::transfer
