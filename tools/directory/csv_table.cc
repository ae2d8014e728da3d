#include "tools/directory/csv_table.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "tools/directory/csv_reader.h"
#include "tools/directory/string_views.h"

namespace hotline::directory {

void RowErrors::Add(std::string_view column, std::string message) {
  out_->push_back(RowError{file_, line_, std::string(column), std::move(message)});
  ++added_;
}

std::vector<RowError> ReadTable(std::istream& in, const std::string& file,
                                absl::Span<const ColumnSpec> columns, const TableRowFn& row) {
  std::vector<RowError> errors;
  CsvReader reader(in);
  std::vector<std::string> fields;
  CsvReader::Result result = reader.Next(&fields);
  if (result == CsvReader::Result::kEnd) {
    errors.push_back(RowError{file, 0, "", "empty file: expected a header row"});
    return errors;
  }
  if (result == CsvReader::Result::kBadRecord) {
    errors.push_back(RowError{file, reader.line(), "", reader.error()});
    return errors;
  }
  // source[i] = index of columns[i] in the file, or -1 when absent.
  std::vector<int> source(columns.size(), -1);
  for (size_t f = 0; f < fields.size(); ++f) {
    size_t c = 0;
    while (c < columns.size() && columns[c].name != fields[f]) ++c;
    if (c == columns.size()) {
      errors.push_back(
          RowError{file, reader.line(), "", absl::StrCat("unknown column \"", fields[f], "\"")});
    } else if (source[c] >= 0) {
      errors.push_back(RowError{file, reader.line(), "",
                                absl::StrCat("column \"", fields[f], "\" appears twice")});
    } else {
      source[c] = static_cast<int>(f);
    }
  }
  for (size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].required && source[c] < 0) {
      errors.push_back(RowError{file, reader.line(), "",
                                absl::StrCat("missing column \"", Av(columns[c].name), "\"")});
    }
  }
  if (!errors.empty()) return errors;
  const size_t width = fields.size();

  std::vector<std::string_view> ordered(columns.size());
  while ((result = reader.Next(&fields)) != CsvReader::Result::kEnd) {
    if (result == CsvReader::Result::kBadRecord) {
      errors.push_back(RowError{file, reader.line(), "", reader.error()});
      continue;
    }
    if (fields.size() != width) {
      errors.push_back(RowError{file, reader.line(), "",
                                absl::StrCat("expected ", width, " fields, got ", fields.size())});
      continue;
    }
    for (size_t c = 0; c < columns.size(); ++c) {
      ordered[c] = source[c] >= 0 ? std::string_view(fields[source[c]]) : std::string_view();
    }
    RowErrors row_errors(file, reader.line(), &errors);
    row(ordered, row_errors);
  }
  return errors;
}

}  // namespace hotline::directory
