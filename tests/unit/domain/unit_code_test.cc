#include "libs/domain/unit_code.h"

#include <catch2/catch.hpp>
#include <string>
#include <tuple>

namespace hotline::domain {
namespace {

TEST_CASE("department codes", "[unit_code]") {
  auto [text, ok] = GENERATE(table<std::string, bool>({
      {"civil-affairs", true},
      {"a", true},
      {"a1-2", true},
      {std::string(64, 'a'), true},
      {std::string(65, 'a'), false},
      {"", false},
      {"1abc", false},
      {"-abc", false},
      {"Civil", false},
      {"civil_affairs", false},
  }));
  INFO(text);
  CHECK(IsDepartmentCode(text) == ok);
}

TEST_CASE("unit ids", "[unit_code]") {
  auto [text, ok] = GENERATE(table<std::string, bool>({
      {"530102:civil-affairs", true},
      {"U1.a_b:c-d", true},
      {"9", true},
      {std::string(128, 'x'), true},
      {std::string(129, 'x'), false},
      {"", false},
      {".abc", false},
      {":abc", false},
      {"a b", false},
      {"a/b", false},
  }));
  INFO(text);
  CHECK(IsUnitId(text) == ok);
}

}  // namespace
}  // namespace hotline::domain
