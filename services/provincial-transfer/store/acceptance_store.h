#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "libs/common/transaction.h"

namespace hotline::transfer {

// A forwarded ticket waiting for the receiving instance to accept it (transfer_acceptance_watch).
struct AcceptanceWatchRow {
  int64_t ticket_id = 0;
  std::string peer;
  absl::Time forwarded_at;
  absl::Time due_at;
  std::string tier;                       // "standard", "urgent", "child_protection"
  std::optional<absl::Time> answered_at;  // accepted there, or back here
  std::optional<absl::Time> flagged_at;   // transfer.unacknowledged raised
};

// The sender's watch for acceptances.
class AcceptanceStore {
 public:
  virtual ~AcceptanceStore() = default;

  // Starts watching (again, for a ticket sent once more: answered and flagged are cleared).
  virtual void Watch(Transaction& tx, const AcceptanceWatchRow& row) const = 0;
  // The ticket was accepted at the other end, or came back: its watches end.
  virtual void MarkAnswered(Transaction& tx, int64_t ticket_id, absl::Time at) const = 0;
  // Up to `limit` unanswered, unflagged watches due by `now`, oldest first, locked (others skip
  // them).
  virtual std::vector<AcceptanceWatchRow> Overdue(Transaction& tx, absl::Time now,
                                                  int limit) const = 0;
  virtual void MarkFlagged(Transaction& tx, int64_t ticket_id, const std::string& peer,
                           absl::Time at) const = 0;
  // Flagged and still unanswered, by peer (peers with none are absent).
  virtual std::map<std::string, int64_t> UnacknowledgedByPeer(Transaction& tx) const = 0;
  virtual std::vector<AcceptanceWatchRow> WatchesOf(Transaction& tx, int64_t ticket_id) const = 0;
};

}  // namespace hotline::transfer
