#include "services/reporting/rules/hot_topics.h"

#include <algorithm>

namespace hotline::reporting {

std::vector<TopicVolume> HottestTopics(std::vector<TopicVolume> volumes, int limit) {
  volumes.erase(std::remove_if(volumes.begin(), volumes.end(),
                               [](const TopicVolume& t) { return t.count <= t.previous_count; }),
                volumes.end());
  std::sort(volumes.begin(), volumes.end(), [](const TopicVolume& a, const TopicVolume& b) {
    const int64_t rise_a = a.count - a.previous_count, rise_b = b.count - b.previous_count;
    if (rise_a != rise_b) return rise_a > rise_b;
    if (a.count != b.count) return a.count > b.count;
    return a.value < b.value;
  });
  if (limit >= 0 && volumes.size() > static_cast<size_t>(limit)) volumes.resize(limit);
  return volumes;
}

int NextTierDigits(int prefix_digits) {
  for (int digits : {2, 4, 6, 9, 12}) {
    if (digits > prefix_digits) return digits;
  }
  return 12;
}

}  // namespace hotline::reporting
