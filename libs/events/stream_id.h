#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace hotline::events {

// A stream entry id "<ms>-<seq>", comparable, for trimming and cursor arithmetic.
struct StreamId {
  uint64_t ms = 0;
  uint64_t seq = 0;

  static std::optional<StreamId> Parse(absl::string_view text);
  // The smallest id an entry added at `t` can have.
  static StreamId AtTime(absl::Time t);
  std::string ToString() const;

  friend bool operator<(const StreamId& a, const StreamId& b) {
    return a.ms != b.ms ? a.ms < b.ms : a.seq < b.seq;
  }
  friend bool operator==(const StreamId& a, const StreamId& b) {
    return a.ms == b.ms && a.seq == b.seq;
  }
};

}  // namespace hotline::events
