#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/common/transaction.h"

namespace hotline::reporting {

// A consumer group of the ticket event stream, summed over the stream's partitions.
struct GroupBacklog {
  std::string group;
  int64_t lag = 0;      // entries not yet delivered to the group
  int64_t pending = 0;  // delivered, not yet acknowledged
};

// The consumer groups reading the ticket event stream (every service's, reporting's among them).
class StreamGroups {
 public:
  virtual ~StreamGroups() = default;
  virtual absl::StatusOr<std::vector<GroupBacklog>> Backlogs() = 0;
};

// The transactional outbox: events committed but not yet on the stream.
struct OutboxBacklog {
  int64_t events = 0;
  std::optional<absl::Time> oldest;  // when the oldest waiting event happened
};

class OutboxStore {
 public:
  virtual ~OutboxStore() = default;
  virtual OutboxBacklog Backlog(Transaction& tx) = 0;
};

}  // namespace hotline::reporting
