#pragma once

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace hotline::events {

inline constexpr char kDefaultStreamPrefix[] = "hotline:events";

// Partition p's stream. The braces are a Redis Cluster hash tag: only "p" is hashed, so the
// partitions spread over the cluster's slots instead of following the shared prefix.
inline std::string StreamKey(absl::string_view prefix, int partition) {
  return absl::StrCat(prefix, ":{", partition, "}");
}

// Where a consumer group puts entries it gave up on.
inline std::string DeadLetterKey(absl::string_view prefix, absl::string_view group) {
  return absl::StrCat(prefix, ":dead:", group);
}

}  // namespace hotline::events
