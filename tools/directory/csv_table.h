#pragma once

#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/types/span.h"
#include "tools/directory/row_error.h"

namespace hotline::directory {

// A column a file format knows. Optional columns may be left out of the header; their fields
// then read as "".
struct ColumnSpec {
  std::string_view name;
  bool required = true;
};

// Collects the problems of one row, naming the file, line and column for each.
class RowErrors {
 public:
  RowErrors(const std::string& file, int line, std::vector<RowError>* out)
      : file_(file), line_(line), out_(out) {}
  void Add(std::string_view column, std::string message);
  bool any() const { return added_ > 0; }
  int line() const { return line_; }

 private:
  const std::string& file_;
  int line_;
  std::vector<RowError>* out_;
  int added_ = 0;
};

// Called per data row with its fields in `columns` order (absent optional columns as "").
using TableRowFn =
    std::function<void(absl::Span<const std::string_view> fields, RowErrors& errors)>;

// Reads a CSV file with a header row naming `columns` in any order. Header problems (unknown,
// repeated or missing columns) end the read; bad CSV syntax and wrong field counts are reported
// per row and the row is skipped. Returns every error found.
std::vector<RowError> ReadTable(std::istream& in, const std::string& file,
                                absl::Span<const ColumnSpec> columns, const TableRowFn& row);

}  // namespace hotline::directory
