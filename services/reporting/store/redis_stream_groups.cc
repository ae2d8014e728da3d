#include "services/reporting/store/redis_stream_groups.h"

#include <map>
#include <vector>

#include "absl/strings/match.h"
#include "libs/events/stream_keys.h"

namespace hotline::reporting {

absl::StatusOr<std::vector<GroupBacklog>> RedisStreamGroups::Backlogs() {
  if (redis_ == nullptr || redis_->broken()) {
    absl::StatusOr<std::unique_ptr<events::RedisConnection>> connected =
        events::RedisConnection::Connect(url_, absl::Seconds(5));
    if (!connected.ok()) return connected.status();
    redis_ = *std::move(connected);
  }
  std::vector<events::RedisArgv> commands;
  for (int p = 0; p < partitions_; ++p) {
    commands.push_back({"XINFO", "GROUPS", events::StreamKey(prefix_, p)});
  }
  absl::StatusOr<std::vector<events::RedisValue>> replies = redis_->Pipeline(commands);
  if (!replies.ok()) return replies.status();
  std::map<std::string, GroupBacklog> by_group;
  for (const events::RedisValue& reply : *replies) {
    if (reply.is_error()) {
      if (absl::StrContains(reply.str, "no such key")) continue;  // nothing published there yet
      return reply.status();
    }
    // One flat field/value array per group. `lag` is nil while Redis cannot tell (after
    // deletions in the range): that partition adds nothing rather than a guess.
    for (const events::RedisValue& group : reply.elements) {
      GroupBacklog partition;
      for (size_t i = 0; i + 1 < group.elements.size(); i += 2) {
        const std::string& field = group.elements[i].str;
        const events::RedisValue& value = group.elements[i + 1];
        if (field == "name") partition.group = value.str;
        if (field == "pending") partition.pending = value.integer;
        if (field == "lag" && !value.is_nil()) partition.lag = value.integer;
      }
      GroupBacklog& total = by_group[partition.group];
      total.group = partition.group;
      total.lag += partition.lag;
      total.pending += partition.pending;
    }
  }
  std::vector<GroupBacklog> out;
  for (auto& [name, backlog] : by_group) out.push_back(std::move(backlog));
  return out;
}

}  // namespace hotline::reporting
