#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "libs/events/redis_connection.h"
#include "libs/events/stream_entry.h"

namespace hotline::events {

// The consumer-group commands EventConsumer needs beyond reading and acknowledging.

// Creates `group` on each stream (and the stream if missing), reading from the start or from
// now. A group that exists already is left as it is.
absl::Status CreateGroups(RedisConnection& redis, const std::vector<std::string>& keys,
                          const std::string& group, bool from_beginning);

// Moves entries idle for at least `min_idle` in `group` to `consumer` (XAUTOCLAIM JUSTID, which
// leaves their delivery counts alone), `count` at a time and a bounded number of rounds per
// stream. Returns how many were claimed on each stream, in the order of `keys`.
absl::StatusOr<std::vector<int64_t>> ClaimIdle(RedisConnection& redis,
                                               const std::vector<std::string>& keys,
                                               const std::string& group,
                                               const std::string& consumer, absl::Duration min_idle,
                                               int count);

// How many times each of `entries`, just read from `consumer`'s pending list on `key`, has been
// delivered (this time included), by entry id.
absl::StatusOr<absl::flat_hash_map<std::string, int64_t>> DeliveryCounts(
    RedisConnection& redis, const std::string& key, const std::string& group,
    const std::string& consumer, const std::vector<StreamEntry>& entries);

}  // namespace hotline::events
