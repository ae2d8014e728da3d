#include "tools/directory/row_error.h"

#include "absl/strings/str_cat.h"

namespace hotline::directory {

std::string RowError::ToString() const {
  std::string where = line > 0 ? absl::StrCat(file, ":", line) : file;
  if (column.empty()) return absl::StrCat(where, ": ", message);
  return absl::StrCat(where, ": ", column, ": ", message);
}

}  // namespace hotline::directory
