#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "services/supervision/store/office_queue_store.h"

namespace hotline::supervision {

struct OfficeQueueQuery {
  QueueFilter filter;  // region_prefix "" = the office's whole jurisdiction
  std::optional<absl::Duration> min_age;
  int page_size = 0;  // 0 = 50
  std::string page_token;
};

struct OfficeQueuePage {
  std::vector<hotline::supervision::v1::OfficeQueueItem> items;
  std::string next_page_token;
  int64_t total = 0;
};

// The hotline office's queues within its jurisdiction: what waits for its decision (suspension
// and extension requests, replies to review) and the follow-up calls it owes, paged, filtered
// and counted.
class OfficeQueues {
 public:
  OfficeQueues(TransactionRunner& transactions, const OfficeQueueStore& store, const Clock& clock)
      : transactions_(transactions), store_(store), clock_(clock) {}

  // INVALID_ARGUMENT naming the field for a prefix outside `jurisdiction`, an unknown urgency, a
  // negative age, a bad page size or token.
  absl::StatusOr<OfficeQueuePage> List(const std::string& jurisdiction, OfficeQueue queue,
                                       const OfficeQueueQuery& query);

 private:
  TransactionRunner& transactions_;
  const OfficeQueueStore& store_;
  const Clock& clock_;
};

}  // namespace hotline::supervision
