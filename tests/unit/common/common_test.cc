#include <catch2/catch.hpp>
#include <regex>
#include <set>

#include "libs/common/clock.h"
#include "libs/common/field_violations.h"
#include "libs/common/log.h"
#include "libs/common/uuid.h"

namespace hotline {
namespace {

TEST_CASE("field violations survive the status payload, every one of them", "[common]") {
  absl::Status status = InvalidFields(
      {{"caller.phone", "not a mainland number"}, {"region.code", "7 digits\tis\nnot a level"}});
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);
  CHECK(status.message() ==
        "caller.phone: not a mainland number; region.code: 7 digits\tis\nnot a level");
  std::vector<FieldViolation> back = FieldViolationsOf(status);
  REQUIRE(back.size() == 2);
  CHECK(back[0].field == "caller.phone");
  CHECK(back[0].description == "not a mainland number");
  CHECK(back[1].field == "region.code");
  CHECK(back[1].description == "7 digits is not a level");  // separators flattened
  CHECK(FieldViolationsOf(absl::InvalidArgumentError("plain")).empty());
  CHECK(FieldViolationsOf(absl::OkStatus()).empty());
}

TEST_CASE("uuids are version 4, well-formed and distinct", "[common]") {
  const std::regex form("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    const std::string id = NewUuid();
    REQUIRE(std::regex_match(id, form));
    seen.insert(id);
  }
  CHECK(seen.size() == 2000);
}

TEST_CASE("log lines escape what would break JSON", "[common]") {
  CHECK(log::JsonEscape("plain") == "plain");
  CHECK(log::JsonEscape("a\"b\\c") == "a\\\"b\\\\c");
  CHECK(log::JsonEscape("line\nnext\ttab") == "line\\nnext\\ttab");
  CHECK(log::JsonEscape(std::string("\x01", 1)) == "\\u0001");
  CHECK(log::JsonEscape("工单") == "工单");  // UTF-8 passes through
  log::Level level;
  CHECK(log::ParseLevel("warning", &level));
  CHECK(level == log::Level::kWarning);
  CHECK_FALSE(log::ParseLevel("verbose", &level));
}

TEST_CASE("the fake clock moves only when told", "[common]") {
  const absl::Time start = absl::FromUnixSeconds(1795000000);
  FakeClock clock(start);
  CHECK(clock.Now() == start);
  clock.Advance(absl::Minutes(90));
  CHECK(clock.Now() == start + absl::Minutes(90));
  clock.Set(start);
  CHECK(clock.Now() == start);
}

}  // namespace
}  // namespace hotline
