#include "tests/support/scratch_database.h"

#include <catch2/catch.hpp>

#include "absl/strings/numbers.h"
#include "tests/support/core/scratch_database.h"
#include "tests/support/test_env.h"

namespace hotline::testing {

ScratchDatabase::ScratchDatabase(bool migrate) : name_(UniqueName("t")) {
  absl::StatusOr<std::string> url =
      support::CreateScratchDatabase(TestEnv::Get().PgUrl(), name_, migrate);
  INFO(url.status().ToString());
  REQUIRE(url.ok());
  url_ = *url;
}

int64_t ScratchDatabase::Count(const std::string& sql) const {
  const std::string text = Text(sql);
  int64_t n = 0;
  INFO(sql << " gave " << text);
  REQUIRE(absl::SimpleAtoi(text, &n));
  return n;
}

std::string ScratchDatabase::Text(const std::string& sql) const {
  absl::StatusOr<std::string> text = support::QueryOne(url_, sql);
  INFO(text.status().ToString());
  REQUIRE(text.ok());
  return *text;
}

ScratchDatabase::~ScratchDatabase() { support::DropScratchDatabase(TestEnv::Get().PgUrl(), name_); }

}  // namespace hotline::testing
