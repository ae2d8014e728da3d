#pragma once

#include <string_view>

#include "absl/strings/string_view.h"

namespace hotline::directory {

// Debian's Abseil (20220623) has its own string_view class rather than an alias of
// std::string_view; the two meet here. These files use std::string_view like libs/domain and
// convert only where an Abseil function takes a view.
inline absl::string_view Av(std::string_view s) { return absl::string_view(s.data(), s.size()); }

inline bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

inline bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace hotline::directory
