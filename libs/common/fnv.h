#pragma once

#include <cstdint>
#include <string_view>

namespace hotline {

// FNV-1a, 64 bits: stable across processes and runs (unlike absl::Hash), for names and
// checksums derived from text. Not for anything an adversary chooses collisions against.
inline uint64_t Fnv1a64(std::string_view text) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace hotline
