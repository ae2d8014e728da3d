#pragma once

#include <prometheus/counter.h>
#include <prometheus/registry.h>

#include <cstddef>
#include <deque>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "libs/service/token_auth.h"

namespace hotline::service {

// Checks bearer tokens the cache does not know on a thread of its own, for callers that must not
// wait for PostgreSQL: gRPC's callback threads, a few of which serve every callback call of the
// server, so a query on one would hold up all the calls behind it. The checks run one at a
// time, so a flood of unknown tokens takes one pooled connection and at most `max_pending`
// queued checks; beyond that they are refused UNAVAILABLE at once, while known tokens are
// still answered from the cache without waiting.
class CredentialLookups {
 public:
  using Done = absl::AnyInvocable<void(absl::StatusOr<Principal>)>;

  // `registry` (nullable) gets hotline_auth_lookups_refused_total.
  explicit CredentialLookups(TokenAuthenticator& authenticator,
                             prometheus::Registry* registry = nullptr, size_t max_pending = 1000);
  // Answers every queued check, then stops.
  ~CredentialLookups();

  // Calls `done` exactly once with TokenAuthenticator::Authenticate(authorization_header): on the
  // lookup thread, or in the calling thread when the queue is full.
  void Authenticate(std::string authorization_header, Done done);

 private:
  struct Check {
    std::string header;
    Done done;
  };
  void Loop();

  TokenAuthenticator& authenticator_;
  const size_t max_pending_;
  prometheus::Counter* refused_ = nullptr;
  absl::Mutex mu_;
  std::deque<Check> queue_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace hotline::service
