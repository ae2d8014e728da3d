#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "libs/ticketstore/ticket_store.h"
#include "services/provincial-transfer/rules/topology.h"
#include "services/provincial-transfer/store/message_store.h"
#include "services/provincial-transfer/store/reply_source.h"

namespace hotline::transfer {

// What happened to a local ticket that the origin instance wants to know.
struct LocalChange {
  enum class Kind { kAccepted, kDispatched, kReplied, kClosed, kFollowedUp, kWithdrawn };
  Kind kind = Kind::kAccepted;
  absl::Time at;
  std::vector<std::string> unit_ids;  // kDispatched: lead first; kReplied: the lead
  int satisfaction = 0;               // kFollowedUp: 1 very satisfied … 5 very dissatisfied
  bool resolved = false;              // kFollowedUp
  std::string reason_code;            // kWithdrawn
};

// The handling side's half of "updates travel back hop by hop": a change to a ticket that came
// from a peer goes into that peer's outbox as a status update, in the transaction of the event
// that reports it. A reply carries the lead unit's text (`replies`), so the agent at the origin
// can read the caller the answer. Tickets taken here are left alone.
class StatusRelay {
 public:
  StatusRelay(const ticketstore::TicketStore& tickets, const MessageStore& messages,
              const ReplySource& replies, const Clock& clock, SelfInstance self)
      : tickets_(tickets),
        messages_(messages),
        replies_(replies),
        clock_(clock),
        self_(std::move(self)) {}

  absl::Status Report(Transaction& tx, int64_t ticket_id, const LocalChange& change) const;

 private:
  const ticketstore::TicketStore& tickets_;
  const MessageStore& messages_;
  const ReplySource& replies_;
  const Clock& clock_;
  const SelfInstance self_;
};

}  // namespace hotline::transfer
