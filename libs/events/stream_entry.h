#pragma once

#include <string>
#include <utility>
#include <vector>

#include "libs/events/redis_connection.h"

namespace hotline::events {

// One stream entry as XREADGROUP / XRANGE return it.
struct StreamEntry {
  std::string id;
  // A pending entry whose data was trimmed or deleted comes back as its id alone.
  bool deleted = false;
  std::vector<std::pair<std::string, std::string>> fields;

  // The value of `name`, or nullptr.
  const std::string* Field(const std::string& name) const;
};

struct StreamBatch {
  std::string key;
  std::vector<StreamEntry> entries;
};

// Parses a list of entries as XRANGE answers it ([[id, [field, value, ...]], ...]).
std::vector<StreamEntry> ParseEntries(const RedisValue& entries);

// Parses an XREAD/XREADGROUP reply ([[key, [[id, [field, value, ...]], ...]], ...]; nil when
// nothing came).
std::vector<StreamBatch> ParseReadReply(const RedisValue& reply);

}  // namespace hotline::events
