#include "libs/service/text_limits.h"

#include <catch2/catch.hpp>

namespace hotline::service {
namespace {

std::string Why(const std::string& value, int max, bool required = true) {
  std::vector<FieldViolation> out;
  CheckFreeText("reason", value, max, required, out);
  if (out.empty()) return "";
  REQUIRE(out.size() == 1);
  CHECK(out[0].field == "reason");
  return out[0].description;
}

TEST_CASE("free text is counted in characters and refused beyond its limit", "[service]") {
  CHECK(Why("退回：不属于本单位职责", 11) == "");
  CHECK(Why("退回：不属于本单位职责", 10) == "must be at most 10 characters, not 11");
  CHECK(Why("", 10) == "is required");
  CHECK(Why("", 10, /*required=*/false) == "");
}

TEST_CASE("free text must be UTF-8 without control characters but line breaks and tabs",
          "[service]") {
  CHECK(Why("第一行\n第二行\r\n\t缩进", 100) == "");
  CHECK(Why("\xe5\xad", 100) == "must be valid UTF-8");
  CHECK(Why("bell\a", 100) ==
        "must not contain control characters other than line breaks and tabs");
  CHECK(Why("c1\xc2\x85", 100) ==
        "must not contain control characters other than line breaks and tabs");
}

}  // namespace
}  // namespace hotline::service
