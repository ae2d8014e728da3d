#pragma once

#include "absl/status/status.h"
#include "hotline/common/v1/event.pb.h"
#include "libs/common/transaction.h"
#include "services/provincial-transfer/app/acceptance_watch.h"

namespace hotline::transfer {

// Transfer's own events that move the acceptance watch, in the "transfer" consumer:
// transfer.forwarded starts watching; an acceptance or a return there (transfer.remote_update) or
// the ticket coming back to the office here (transfer.needs_manual_dispatch) ends it.
class AcceptanceEvents {
 public:
  explicit AcceptanceEvents(const AcceptanceWatch& watch) : watch_(watch) {}

  bool Wants(const hotline::common::v1::EventEnvelope& event) const;
  absl::Status Handle(const hotline::common::v1::EventEnvelope& event, Transaction& tx) const;

 private:
  const AcceptanceWatch& watch_;
};

}  // namespace hotline::transfer
