#include "tools/directory/csv_reader.h"

#include <utility>

namespace hotline::directory {
namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";

}  // namespace

bool CsvReader::ReadLine() {
  if (!std::getline(in_, line_)) return false;
  ++line_number_;
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  if (line_number_ == 1 && line_.compare(0, 3, kBom) == 0) line_.erase(0, 3);
  return true;
}

CsvReader::Result CsvReader::Bad(std::string why) {
  error_ = std::move(why);
  return Result::kBadRecord;
}

CsvReader::Result CsvReader::Next(std::vector<std::string>* fields) {
  do {
    if (!ReadLine()) return Result::kEnd;
  } while (line_.empty() || line_[0] == '#');
  record_line_ = line_number_;
  // Field strings are reused across records: a big file costs no allocation per field.
  size_t count = 0;
  auto next_field = [&]() -> std::string& {
    if (fields->size() <= count) fields->emplace_back();
    std::string& field = (*fields)[count++];
    field.clear();
    return field;
  };
  size_t i = 0;
  while (true) {
    std::string& field = next_field();
    if (i < line_.size() && line_[i] == '"') {
      ++i;
      while (true) {
        const size_t quote = line_.find('"', i);
        if (quote == std::string::npos) {
          field.append(line_, i, std::string::npos);
          field.push_back('\n');  // the line break belongs to the field
          if (!ReadLine()) return Bad("unterminated quoted field");
          i = 0;
          continue;
        }
        field.append(line_, i, quote - i);
        if (quote + 1 < line_.size() && line_[quote + 1] == '"') {
          field.push_back('"');
          i = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      if (i < line_.size() && line_[i] != ',') {
        return Bad(
            "unexpected character after a closing quote (a quote inside a quoted field "
            "must be doubled)");
      }
    } else {
      size_t comma = line_.find(',', i);
      if (comma == std::string::npos) comma = line_.size();
      field.assign(line_, i, comma - i);
      if (field.find('"') != std::string::npos) {
        return Bad("quote inside an unquoted field (quote the whole field and double the quote)");
      }
      i = comma;
    }
    if (i >= line_.size()) break;
    ++i;  // past the comma; a trailing comma means one more, empty, field
  }
  fields->resize(count);
  return Result::kRecord;
}

}  // namespace hotline::directory
