#include "libs/events/stream_trimmer.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/events/stream_id.h"

namespace hotline::events {
namespace {

struct GroupInfo {
  std::string name;
  int64_t pending = 0;
  std::string last_delivered;
};

// XINFO GROUPS answers one flat field/value array per group.
std::vector<GroupInfo> ParseGroups(const RedisValue& reply) {
  std::vector<GroupInfo> groups;
  for (const RedisValue& group : reply.elements) {
    GroupInfo info;
    for (size_t i = 0; i + 1 < group.elements.size(); i += 2) {
      const std::string& field = group.elements[i].str;
      const RedisValue& value = group.elements[i + 1];
      if (field == "name") info.name = value.str;
      if (field == "pending") info.pending = value.integer;
      if (field == "last-delivered-id") info.last_delivered = value.str;
    }
    groups.push_back(std::move(info));
  }
  return groups;
}

}  // namespace

absl::StatusOr<int64_t> TrimAcknowledged(RedisConnection& redis, const std::string& key,
                                         const TrimPolicy& policy, absl::Time now) {
  absl::StatusOr<std::vector<RedisValue>> info =
      redis.Pipeline({{"XINFO", "GROUPS", key}, {"XLEN", key}});
  if (!info.ok()) return info.status();
  const RedisValue& groups_reply = (*info)[0];
  if (groups_reply.is_error()) {
    if (absl::StrContains(groups_reply.str, "no such key")) return 0;
    return groups_reply.status();
  }
  const std::vector<GroupInfo> groups = ParseGroups(groups_reply);
  if (groups.empty()) return 0;

  // A group's floor: the oldest entry it may still need.
  std::vector<RedisArgv> pending_queries;
  std::optional<StreamId> floor;
  auto lower_floor = [&floor](const std::string& text) -> absl::Status {
    std::optional<StreamId> id = StreamId::Parse(text);
    if (!id) return absl::InternalError("unexpected stream id in XINFO/XPENDING");
    if (!floor || *id < *floor) floor = *id;
    return absl::OkStatus();
  };
  for (const GroupInfo& group : groups) {
    if (group.pending > 0) {
      pending_queries.push_back({"XPENDING", key, group.name});
    } else if (absl::Status s = lower_floor(group.last_delivered); !s.ok()) {
      return s;
    }
  }
  if (!pending_queries.empty()) {
    absl::StatusOr<std::vector<RedisValue>> pending = redis.Pipeline(pending_queries);
    if (!pending.ok()) return pending.status();
    for (const RedisValue& summary : *pending) {
      if (summary.is_error()) return summary.status();
      // [count, smallest id, greatest id, consumers]. The smallest is nil when everything was
      // acknowledged since XINFO: skip this round rather than guess the group's floor.
      if (summary.elements.size() < 2 || summary.elements[1].is_nil()) return 0;
      if (absl::Status s = lower_floor(summary.elements[1].str); !s.ok()) return s;
    }
  }

  StreamId cutoff = StreamId::AtTime(now - policy.retention);
  const int64_t length = (*info)[1].integer;
  if (policy.max_len > 0 && length > policy.max_len) cutoff = *floor;  // over the cap: age aside
  const StreamId min_id = std::min(*floor, cutoff);
  if (min_id == StreamId{}) return 0;
  absl::StatusOr<RedisValue> trimmed = redis.Command({"XTRIM", key, "MINID", min_id.ToString()});
  if (!trimmed.ok()) return trimmed.status();
  return trimmed->integer;
}

absl::StatusOr<int64_t> TrimByAge(RedisConnection& redis, const std::string& key,
                                  const TrimPolicy& policy, absl::Time now) {
  std::vector<RedisArgv> commands = {
      {"XTRIM", key, "MINID", absl::StrCat(absl::ToUnixMillis(now - policy.retention), "-0")}};
  if (policy.max_len > 0) {
    commands.push_back({"XTRIM", key, "MAXLEN", absl::StrCat(policy.max_len)});
  }
  absl::StatusOr<std::vector<RedisValue>> replies = redis.Pipeline(commands);
  if (!replies.ok()) return replies.status();
  int64_t removed = 0;
  for (const RedisValue& reply : *replies) {
    if (reply.is_error()) return reply.status();
    removed += reply.integer;
  }
  return removed;
}

}  // namespace hotline::events
