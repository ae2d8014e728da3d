#pragma once

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/time/time.h"

namespace hotline::testing {

// The endpoints.env written by `deploy/local/suite up` for this ctest run (HOTLINE_TEST_ENV).
class TestEnv {
 public:
  static const TestEnv& Get();
  // The value of NAME; fails the test when it is missing.
  const std::string& Value(const std::string& name) const;
  bool Has(const std::string& name) const { return values_.contains(name); }
  const std::string& PgUrl() const { return Value("PG_URL"); }
  const std::string& RedisUrl() const { return Value("REDIS_URL"); }

 private:
  absl::flat_hash_map<std::string, std::string> values_;
};

// build/bin/<name>: the directory this test binary runs from.
std::string BinaryPath(const std::string& name);

// A name unique to this test run, for databases, stream keys, consumer groups.
std::string UniqueName(const std::string& prefix);

// Polls `done` until it returns true or `timeout` passes; true when it became true.
bool PollUntil(absl::Duration timeout, absl::FunctionRef<bool()> done,
               absl::Duration interval = absl::Milliseconds(10));

}  // namespace hotline::testing
