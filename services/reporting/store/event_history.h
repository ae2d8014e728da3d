#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hotline/common/v1/event.pb.h"
#include "libs/common/transaction.h"

namespace hotline::reporting {

// The ticket core's event history (ticket_events), read in bulk for a rebuild: the shared record
// every service writes through the ticket store, not another service's own table.
class EventHistory {
 public:
  virtual ~EventHistory() = default;
  // Up to `limit` events after (ticket_id, ticket_version), ordered by ticket then version.
  // INTERNAL when a stored envelope does not parse.
  virtual absl::StatusOr<std::vector<hotline::common::v1::EventEnvelope>> After(
      Transaction& tx, int64_t ticket_id, int64_t ticket_version, int limit) = 0;
  // The events of one ticket that happened before `before`, in version order (the drift check's
  // recomputation of a ticket).
  virtual absl::StatusOr<std::vector<hotline::common::v1::EventEnvelope>> OfTicket(
      Transaction& tx, int64_t ticket_id, absl::Time before) = 0;
  // When the newest event of one of `types` happened; nullopt when there is none.
  virtual std::optional<absl::Time> NewestEventAt(Transaction& tx,
                                                  const std::vector<std::string>& types) = 0;
};

}  // namespace hotline::reporting
