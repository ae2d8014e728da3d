#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hotline::reporting {

// A category or a place with its volume (tickets received) in the period and the one before.
struct TopicVolume {
  std::string value;
  int64_t count = 0;
  int64_t previous_count = 0;
};

// The topics whose volume rose, most first: by the rise (count − previous count), then by the
// count, then by value; at most `limit`. A topic that stayed level or fell is not hot.
std::vector<TopicVolume> HottestTopics(std::vector<TopicVolume> volumes, int limit);

// The division code length of the places one tier below a region prefix (0 = the whole country:
// provinces, 2; a village, 12, stays at villages).
int NextTierDigits(int prefix_digits);

}  // namespace hotline::reporting
