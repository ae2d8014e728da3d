#pragma once

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "libs/common/field_violations.h"

namespace hotline::service {

// Limits on the free text a caller writes into a ticket's record (reasons, notes, replies), so
// one request cannot store megabytes that every later reader, export and report carries.
inline constexpr int kMaxReplyChars = 5000;   // as a caller's own content in intake
inline constexpr int kMaxReasonChars = 1000;  // reasons and notes
inline constexpr int kMaxNoteChars = 1000;

// Appends `field`'s violation to `out`, if any: required but empty, not UTF-8, control
// characters other than line breaks and tabs, or more than `max_chars` characters (code points:
// a Chinese character counts one).
void CheckFreeText(absl::string_view field, absl::string_view value, int max_chars, bool required,
                   std::vector<FieldViolation>& out);

}  // namespace hotline::service
