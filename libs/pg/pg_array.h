#pragma once

#include <cstdint>
#include <pqxx/row>  // pqxx::field, with the conversions it needs
#include <string>
#include <vector>

namespace hotline::pg {

// libpqxx 6 binds no arrays: these write and read PostgreSQL array literals.
// '{"a","b \"c\""}' — every element quoted, quotes and backslashes escaped.
std::string TextArrayLiteral(const std::vector<std::string>& values);
std::string IntArrayLiteral(const std::vector<int64_t>& values);
std::string BoolArrayLiteral(const std::vector<bool>& values);

// Elements of a one-dimensional text[] / integer array column; NULL elements are skipped.
std::vector<std::string> TextArrayOf(const pqxx::field& field);
std::vector<int64_t> IntArrayOf(const pqxx::field& field);

}  // namespace hotline::pg
