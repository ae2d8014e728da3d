#include "libs/pg/pg_array.h"

#include <pqxx/array>

#include "absl/strings/str_join.h"

namespace hotline::pg {

std::string TextArrayLiteral(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

std::string IntArrayLiteral(const std::vector<int64_t>& values) {
  return "{" + absl::StrJoin(values, ",") + "}";
}

std::string BoolArrayLiteral(const std::vector<bool>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += values[i] ? 't' : 'f';
  }
  return out + "}";
}

std::vector<std::string> TextArrayOf(const pqxx::field& field) {
  std::vector<std::string> out;
  if (field.is_null()) return out;
  pqxx::array_parser parser = field.as_array();
  for (auto item = parser.get_next(); item.first != pqxx::array_parser::done;
       item = parser.get_next()) {
    if (item.first == pqxx::array_parser::string_value) out.push_back(item.second);
  }
  return out;
}

std::vector<int64_t> IntArrayOf(const pqxx::field& field) {
  std::vector<int64_t> out;
  for (const std::string& text : TextArrayOf(field)) out.push_back(std::stoll(text));
  return out;
}

}  // namespace hotline::pg
