#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tools/directory/csv_reader.h"
#include "tools/directory/csv_writer.h"

namespace hotline::directory {
namespace {

using Result = CsvReader::Result;
using Fields = std::vector<std::string>;

TEST_CASE("directory csv reads quoted fields and line breaks", "[directory][csv]") {
  std::istringstream in(
      "\xEF\xBB\xBF"
      "a,b,c\r\n"
      "\"x, y\",\"say \"\"hi\"\"\",\r\n"
      "\n"
      "# a comment line, skipped\n"
      "\"two\nlines\",\"\",plain\n"
      "last,row,without-newline");
  CsvReader reader(in);
  Fields fields;
  REQUIRE(reader.Next(&fields) == Result::kRecord);
  CHECK(fields == Fields{"a", "b", "c"});
  CHECK(reader.line() == 1);
  REQUIRE(reader.Next(&fields) == Result::kRecord);
  CHECK(fields == Fields{"x, y", "say \"hi\"", ""});
  CHECK(reader.line() == 2);
  REQUIRE(reader.Next(&fields) == Result::kRecord);
  CHECK(fields == Fields{"two\nlines", "", "plain"});
  CHECK(reader.line() == 5);
  REQUIRE(reader.Next(&fields) == Result::kRecord);
  CHECK(fields == Fields{"last", "row", "without-newline"});
  CHECK(reader.line() == 7);
  CHECK(reader.Next(&fields) == Result::kEnd);
}

TEST_CASE("directory csv reports bad records and goes on", "[directory][csv]") {
  auto [text, why] = GENERATE(table<std::string, std::string>({
      {"ab\"c,d\n", "quote inside an unquoted field"},
      {"\"ab\"c,d\n", "unexpected character after a closing quote"},
  }));
  std::istringstream in("ok,1\n" + text + "ok,3\n");
  CsvReader reader(in);
  Fields fields;
  REQUIRE(reader.Next(&fields) == Result::kRecord);
  REQUIRE(reader.Next(&fields) == Result::kBadRecord);
  CHECK(reader.line() == 2);
  CHECK_THAT(reader.error(), Catch::Contains(why));
  REQUIRE(reader.Next(&fields) == Result::kRecord);
  CHECK(fields == Fields{"ok", "3"});
  CHECK(reader.line() == 3);
}

TEST_CASE("directory csv reports an unterminated quote at its first line", "[directory][csv]") {
  std::istringstream in("a,b\n\"open,c\nmore\n");
  CsvReader reader(in);
  Fields fields;
  REQUIRE(reader.Next(&fields) == Result::kRecord);
  REQUIRE(reader.Next(&fields) == Result::kBadRecord);
  CHECK(reader.line() == 2);
  CHECK(reader.error() == "unterminated quoted field");
  CHECK(reader.Next(&fields) == Result::kEnd);
}

TEST_CASE("directory csv writer quotes only what needs it and reads back", "[directory][csv]") {
  std::string text;
  AppendCsvRecord(&text, {"plain", "with, comma", "say \"hi\"", "two\nlines", "", "中文"});
  CHECK(text == "plain,\"with, comma\",\"say \"\"hi\"\"\",\"two\nlines\",,中文\n");
  std::istringstream in(text);
  CsvReader reader(in);
  Fields fields;
  REQUIRE(reader.Next(&fields) == Result::kRecord);
  CHECK(fields == Fields{"plain", "with, comma", "say \"hi\"", "two\nlines", "", "中文"});
}

}  // namespace
}  // namespace hotline::directory
