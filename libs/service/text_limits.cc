#include "libs/service/text_limits.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "libs/common/utf8.h"

namespace hotline::service {
namespace {

// Whether `text` (valid UTF-8) holds a control character besides line breaks and tabs.
bool HasControls(absl::string_view text) {
  const std::string_view view(text.data(), text.size());
  for (size_t i = 0; i < view.size();) {
    const int32_t cp = NextCodePoint(view, i);
    const bool control = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
    if (control && cp != '\n' && cp != '\r' && cp != '\t') return true;
  }
  return false;
}

}  // namespace

void CheckFreeText(absl::string_view field, absl::string_view value, int max_chars, bool required,
                   std::vector<FieldViolation>& out) {
  std::string why;
  const int length = CodePoints(std::string_view(value.data(), value.size()));
  if (value.empty()) {
    if (required) why = "is required";
  } else if (length < 0) {
    why = "must be valid UTF-8";
  } else if (HasControls(value)) {
    why = "must not contain control characters other than line breaks and tabs";
  } else if (length > max_chars) {
    why = absl::StrCat("must be at most ", max_chars, " characters, not ", length);
  }
  if (!why.empty()) out.push_back({std::string(field), std::move(why)});
}

}  // namespace hotline::service
