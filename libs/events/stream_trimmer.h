#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/events/redis_connection.h"

namespace hotline::events {

struct TrimPolicy {
  // Acknowledged entries younger than this stay, so a replay or a lagging reader still finds them.
  absl::Duration retention = absl::Hours(24);
  // Above this many entries, acknowledged entries go whatever their age (0: no cap). Entries a
  // group has not acknowledged are never removed, even then.
  int64_t max_len = 1'000'000;
};

// Removes from `key` the entries every consumer group has acknowledged and `policy` lets go:
// per group the floor is its smallest pending id, or its last-delivered id when nothing is
// pending; the stream is cut (XTRIM MINID) below the lowest floor. A stream without any group is
// left alone, since nobody has read it yet. Returns the number of entries removed.
absl::StatusOr<int64_t> TrimAcknowledged(RedisConnection& redis, const std::string& key,
                                         const TrimPolicy& policy, absl::Time now);

// Removes from `key`, a stream no group reads (a dead-letter stream), the entries older than
// `policy.retention`, and the oldest beyond `policy.max_len`. Returns the number removed.
absl::StatusOr<int64_t> TrimByAge(RedisConnection& redis, const std::string& key,
                                  const TrimPolicy& policy, absl::Time now);

}  // namespace hotline::events
