#include "libs/events/stream_entry.h"

namespace hotline::events {

const std::string* StreamEntry::Field(const std::string& name) const {
  for (const auto& [key, value] : fields) {
    if (key == name) return &value;
  }
  return nullptr;
}

std::vector<StreamEntry> ParseEntries(const RedisValue& entries) {
  std::vector<StreamEntry> parsed;
  parsed.reserve(entries.elements.size());
  for (const RedisValue& item : entries.elements) {
    if (item.elements.empty()) continue;
    StreamEntry entry;
    entry.id = item.elements[0].str;
    if (item.elements.size() < 2 || item.elements[1].is_nil()) {
      entry.deleted = true;
    } else {
      const std::vector<RedisValue>& kv = item.elements[1].elements;
      for (size_t i = 0; i + 1 < kv.size(); i += 2) {
        entry.fields.emplace_back(kv[i].str, kv[i + 1].str);
      }
    }
    parsed.push_back(std::move(entry));
  }
  return parsed;
}

std::vector<StreamBatch> ParseReadReply(const RedisValue& reply) {
  std::vector<StreamBatch> batches;
  for (const RedisValue& stream : reply.elements) {
    if (stream.elements.size() < 2) continue;
    batches.push_back({stream.elements[0].str, ParseEntries(stream.elements[1])});
  }
  return batches;
}

}  // namespace hotline::events
