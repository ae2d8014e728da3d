#pragma once

#include "absl/strings/string_view.h"

namespace hotline::domain {

// Category codes of the catalogue: lower-case segments of a-z, 0-9 and '-' joined by '/', at most
// kMaxCategoryBytes, e.g. "minor-protection/abuse". Every service and tool checks and matches
// them here, so intake, routing, supervision and the directory files agree on one shape.
inline constexpr int kMaxCategoryBytes = 128;

// A full code: at least one segment, no empty segment, no leading or trailing '/'.
bool IsCategoryCode(absl::string_view code);

// "" (every category) or a category code. Rules and policies match by such prefixes.
bool IsCategoryPrefix(absl::string_view prefix);

// True when `category` is `prefix` or lies under it at a '/' boundary ("a/b" is under "a", not
// under "a/"; "ab" is not under "a"). The empty prefix covers every category.
bool IsUnderCategory(absl::string_view category, absl::string_view prefix);

// The enclosing prefix: "a/b/c" → "a/b", "a" → "". The empty prefix has no parent: "".
absl::string_view ParentCategory(absl::string_view prefix);

// Segments in the prefix: "" → 0, "a/b" → 2. Longer prefixes are the more specific.
int CategoryDepth(absl::string_view prefix);

}  // namespace hotline::domain
