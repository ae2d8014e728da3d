#include "libs/events/consumer_group.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace hotline::events {
namespace {

// Bounded so one poll never spends long taking over a huge abandoned backlog; the rest comes at
// the next claim.
constexpr int kMaxClaimRounds = 10;

}  // namespace

absl::Status CreateGroups(RedisConnection& redis, const std::vector<std::string>& keys,
                          const std::string& group, bool from_beginning) {
  std::vector<RedisArgv> commands;
  for (const std::string& key : keys) {
    commands.push_back({"XGROUP", "CREATE", key, group, from_beginning ? "0" : "$", "MKSTREAM"});
  }
  absl::StatusOr<std::vector<RedisValue>> replies = redis.Pipeline(commands);
  if (!replies.ok()) return replies.status();
  for (const RedisValue& reply : *replies) {
    if (reply.is_error() && !absl::StartsWith(reply.str, "BUSYGROUP")) return reply.status();
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<int64_t>> ClaimIdle(RedisConnection& redis,
                                               const std::vector<std::string>& keys,
                                               const std::string& group,
                                               const std::string& consumer, absl::Duration min_idle,
                                               int count) {
  const std::string idle_ms = absl::StrCat(absl::ToInt64Milliseconds(min_idle));
  auto command = [&](const std::string& key, const std::string& start) -> RedisArgv {
    return {"XAUTOCLAIM",        key,     group, consumer, idle_ms, start, "COUNT",
            absl::StrCat(count), "JUSTID"};
  };
  // The first round for every stream in one round trip: usually there is nothing to claim.
  std::vector<RedisArgv> first;
  for (const std::string& key : keys) first.push_back(command(key, "0-0"));
  absl::StatusOr<std::vector<RedisValue>> replies = redis.Pipeline(first);
  if (!replies.ok()) return replies.status();

  std::vector<int64_t> claimed(keys.size(), 0);
  for (size_t i = 0; i < keys.size(); ++i) {
    RedisValue reply = std::move((*replies)[i]);
    for (int round = 0; round < kMaxClaimRounds; ++round) {
      if (reply.is_error()) return reply.status();
      // [next cursor, [claimed ids], [ids deleted meanwhile]]
      if (reply.elements.size() < 2) break;
      claimed[i] += static_cast<int64_t>(reply.elements[1].elements.size());
      const std::string next = reply.elements[0].str;
      if (next == "0-0") break;
      absl::StatusOr<RedisValue> more = redis.Command(command(keys[i], next));
      if (!more.ok()) return more.status();
      reply = *std::move(more);
    }
  }
  return claimed;
}

absl::StatusOr<absl::flat_hash_map<std::string, int64_t>> DeliveryCounts(
    RedisConnection& redis, const std::string& key, const std::string& group,
    const std::string& consumer, const std::vector<StreamEntry>& entries) {
  absl::flat_hash_map<std::string, int64_t> counts;
  if (entries.empty()) return counts;
  absl::StatusOr<RedisValue> reply =
      redis.Command({"XPENDING", key, group, entries.front().id, entries.back().id,
                     absl::StrCat(entries.size()), consumer});
  if (!reply.ok()) return reply.status();
  for (const RedisValue& row : reply->elements) {  // [id, consumer, idle ms, deliveries]
    if (row.elements.size() >= 4) counts[row.elements[0].str] = row.elements[3].integer;
  }
  return counts;
}

}  // namespace hotline::events
