#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hotline/routing/v1/routing.pb.h"
#include "libs/common/transaction.h"

namespace hotline::routing {

// Where a page of the queue ends: most urgent first, then oldest, then by ticket.
struct QueueCursor {
  int urgency = 0;
  int64_t queued_at_micros = 0;
  int64_t ticket_id = 0;
};

// The tickets waiting to be dispatched by hand (研判, routing_manual_queue).
class ManualQueueStore {
 public:
  virtual ~ManualQueueStore() = default;
  // Queues the ticket, or updates the reason of its entry when it is queued already.
  virtual void Enqueue(Transaction& tx, int64_t ticket_id,
                       const hotline::routing::v1::ManualQueueEntry& e) const = 0;
  virtual void Dequeue(Transaction& tx, int64_t ticket_id) const = 0;
  // Entries within `region_prefix`, after `after` (the last entry of the previous page), if any.
  virtual std::vector<std::pair<QueueCursor, hotline::routing::v1::ManualQueueEntry>> List(
      Transaction& tx, const std::string& region_prefix, const std::optional<QueueCursor>& after,
      int limit) const = 0;
};

class PgManualQueueStore final : public ManualQueueStore {
 public:
  void Enqueue(Transaction& tx, int64_t ticket_id,
               const hotline::routing::v1::ManualQueueEntry& e) const override;
  void Dequeue(Transaction& tx, int64_t ticket_id) const override;
  std::vector<std::pair<QueueCursor, hotline::routing::v1::ManualQueueEntry>> List(
      Transaction& tx, const std::string& region_prefix, const std::optional<QueueCursor>& after,
      int limit) const override;
};

}  // namespace hotline::routing
