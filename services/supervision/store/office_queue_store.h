#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "libs/common/transaction.h"

namespace hotline::supervision {

// What waits for the hotline office.
enum class OfficeQueue {
  kSuspensions,     // suspension requests to decide
  kExtensions,      // extension requests to decide
  kAwaitingReview,  // tickets REPLIED, the reply to review (审核)
  kFollowUpsDue,    // running follow-up clocks: calls to make (回访)
};

// Which entries are listed; empty fields do not filter.
struct QueueFilter {
  std::string region_prefix;  // within the office's jurisdiction
  std::string category_prefix;
  int urgency = 0;                         // hotline.common.v1.Urgency; 0 = any
  std::optional<absl::Time> since_before;  // waiting since at most this instant
};

// Where a page ends: the queue's order key (request or reply time; due time of a follow-up), then
// the row's id.
struct QueueCursor {
  int64_t at_micros = 0;
  int64_t id = 0;
};

struct QueueRow {
  hotline::supervision::v1::OfficeQueueItem item;
  QueueCursor cursor;
};

// The office's queues over supervision's requests and clocks and the tickets waiting for review.
class OfficeQueueStore {
 public:
  virtual ~OfficeQueueStore() = default;
  virtual std::vector<QueueRow> List(Transaction& tx, OfficeQueue queue, const QueueFilter& filter,
                                     const std::optional<QueueCursor>& after, int limit) const = 0;
  virtual int64_t Count(Transaction& tx, OfficeQueue queue, const QueueFilter& filter) const = 0;
};

class PgOfficeQueueStore final : public OfficeQueueStore {
 public:
  std::vector<QueueRow> List(Transaction& tx, OfficeQueue queue, const QueueFilter& filter,
                             const std::optional<QueueCursor>& after, int limit) const override;
  int64_t Count(Transaction& tx, OfficeQueue queue, const QueueFilter& filter) const override;
};

}  // namespace hotline::supervision
