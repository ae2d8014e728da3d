#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace hotline::directory {

// Appends one RFC 4180 record ending in '\n' to `out`; only fields holding a comma, a quote or a
// line break are quoted, so the output is stable and diff-friendly.
void AppendCsvRecord(std::string* out, std::initializer_list<std::string_view> fields);

}  // namespace hotline::directory
