#include "libs/domain/category_code.h"

#include <catch2/catch.hpp>
#include <string>
#include <tuple>

namespace hotline::domain {
namespace {

TEST_CASE("category codes and prefixes", "[category_code]") {
  auto [text, code, prefix] = GENERATE(table<std::string, bool, bool>({
      {"", false, true},
      {"minor-protection", true, true},
      {"minor-protection/abuse", true, true},
      {"a/b/c-1/2", true, true},
      {"/a", false, false},
      {"a/", false, false},
      {"a//b", false, false},
      {"A/b", false, false},
      {"a b", false, false},
      {"a_b", false, false},
      {"住房", false, false},
      {std::string(128, 'a'), true, true},
      {std::string(129, 'a'), false, false},
  }));
  INFO(text);
  CHECK(IsCategoryCode(text) == code);
  CHECK(IsCategoryPrefix(text) == prefix);
}

TEST_CASE("a category lies under a prefix at '/' boundaries", "[category_code]") {
  auto [category, prefix, under] = GENERATE(table<std::string, std::string, bool>({
      {"minor-protection/abuse", "", true},
      {"minor-protection/abuse", "minor-protection", true},
      {"minor-protection/abuse", "minor-protection/abuse", true},
      {"minor-protection/abuse", "minor-protection/ab", false},
      {"minor-protection/abuse", "minor", false},
      {"minor-protection", "minor-protection/abuse", false},
      {"housing", "minor-protection", false},
  }));
  INFO(category << " under " << prefix);
  CHECK(IsUnderCategory(category, prefix) == under);
}

TEST_CASE("parents and depth walk up to the empty prefix", "[category_code]") {
  CHECK(ParentCategory("a/b/c") == "a/b");
  CHECK(ParentCategory("a/b") == "a");
  CHECK(ParentCategory("a") == "");
  CHECK(ParentCategory("") == "");
  CHECK(CategoryDepth("") == 0);
  CHECK(CategoryDepth("a") == 1);
  CHECK(CategoryDepth("a/b/c") == 3);
}

}  // namespace
}  // namespace hotline::domain
