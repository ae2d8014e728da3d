#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace hotline {

// Decodes one code point at `i` and advances past it; -1 for an invalid sequence (truncated,
// overlong, a surrogate or beyond U+10FFFF), so that no two byte strings decode alike.
int32_t NextCodePoint(std::string_view text, size_t& i);

// Number of code points (what length limits count); -1 for invalid UTF-8.
int CodePoints(std::string_view text);

}  // namespace hotline
