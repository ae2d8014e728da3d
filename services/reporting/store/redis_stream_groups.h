#pragma once

#include <memory>
#include <string>

#include "libs/events/redis_connection.h"
#include "services/reporting/store/stream_backlog.h"

namespace hotline::reporting {

// StreamGroups by XINFO GROUPS on each partition's stream key, in one round trip. Owns its
// connection and reconnects after a failure; one caller thread.
class RedisStreamGroups final : public StreamGroups {
 public:
  RedisStreamGroups(std::string redis_url, std::string stream_prefix, int partitions)
      : url_(std::move(redis_url)), prefix_(std::move(stream_prefix)), partitions_(partitions) {}

  absl::StatusOr<std::vector<GroupBacklog>> Backlogs() override;

 private:
  const std::string url_;
  const std::string prefix_;
  const int partitions_;
  std::unique_ptr<events::RedisConnection> redis_;
};

}  // namespace hotline::reporting
