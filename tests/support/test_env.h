#pragma once

#include <grpcpp/channel.h>

#include <map>
#include <memory>
#include <string>

#include "absl/time/time.h"
#include "tests/support/core/poll.h"

namespace hotline::testing {

// The endpoints.env written by `deploy/local/suite up` for this ctest run (HOTLINE_TEST_ENV).
class TestEnv {
 public:
  static const TestEnv& Get();
  // The value of NAME; fails the test when it is missing.
  const std::string& Value(const std::string& name) const;
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  const std::string& PgUrl() const { return Value("PG_URL"); }
  const std::string& RedisUrl() const { return Value("REDIS_URL"); }
  // The keyring file the suite's services seal personal data with.
  const std::string& DataKeys() const { return Value("DATA_KEYS"); }
  // A channel to the suite's service at the address in `addr_name` (e.g. "INTAKE_ADDR"): TLS
  // verified against TLS_CA when the suite runs with --tls, plaintext otherwise.
  std::shared_ptr<grpc::Channel> Dial(const std::string& addr_name) const;

 private:
  std::map<std::string, std::string> values_;
};

// build/bin/<name>: the directory this test binary runs from.
std::string BinaryPath(const std::string& name);

// A name unique to this test run, for databases, stream keys, consumer groups.
std::string UniqueName(const std::string& prefix);

using support::PollUntil;

}  // namespace hotline::testing
