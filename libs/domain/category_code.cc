#include "libs/domain/category_code.h"

#include <algorithm>

namespace hotline::domain {
namespace {

bool IsSegmentChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

}  // namespace

bool IsCategoryCode(absl::string_view code) {
  if (code.empty() || code.size() > static_cast<size_t>(kMaxCategoryBytes)) return false;
  char previous = '/';  // a leading '/' is an empty first segment
  for (char c : code) {
    if (c == '/') {
      if (previous == '/') return false;
    } else if (!IsSegmentChar(c)) {
      return false;
    }
    previous = c;
  }
  return previous != '/';
}

bool IsCategoryPrefix(absl::string_view prefix) { return prefix.empty() || IsCategoryCode(prefix); }

bool IsUnderCategory(absl::string_view category, absl::string_view prefix) {
  if (prefix.empty()) return true;
  if (category.size() < prefix.size() || category.substr(0, prefix.size()) != prefix) return false;
  return category.size() == prefix.size() || category[prefix.size()] == '/';
}

absl::string_view ParentCategory(absl::string_view prefix) {
  const size_t slash = prefix.rfind('/');
  return slash == absl::string_view::npos ? absl::string_view() : prefix.substr(0, slash);
}

int CategoryDepth(absl::string_view prefix) {
  if (prefix.empty()) return 0;
  return 1 + static_cast<int>(std::count(prefix.begin(), prefix.end(), '/'));
}

}  // namespace hotline::domain
