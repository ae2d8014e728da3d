#include "libs/service/credential_lookups.h"

#include <utility>

namespace hotline::service {

CredentialLookups::CredentialLookups(TokenAuthenticator& authenticator,
                                     prometheus::Registry* registry, size_t max_pending)
    : authenticator_(authenticator), max_pending_(max_pending) {
  if (registry != nullptr) {
    refused_ = &prometheus::BuildCounter()
                    .Name("hotline_auth_lookups_refused_total")
                    .Help("Token checks refused because too many were waiting for the database")
                    .Register(*registry)
                    .Add({});
  }
  thread_ = std::thread([this] { Loop(); });
}

CredentialLookups::~CredentialLookups() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void CredentialLookups::Authenticate(std::string header, Done done) {
  {
    absl::MutexLock lock(&mu_);
    if (queue_.size() < max_pending_ && !stopping_) {
      queue_.push_back(Check{std::move(header), std::move(done)});
      return;
    }
  }
  if (refused_ != nullptr) refused_->Increment();
  done(absl::UnavailableError("too many credential checks waiting; try again"));
}

void CredentialLookups::Loop() {
  while (true) {
    Check check;
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]()
                       ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !queue_.empty() || stopping_; };
      mu_.Await(absl::Condition(&ready));
      if (queue_.empty()) return;  // stopping, and every check answered
      check = std::move(queue_.front());
      queue_.pop_front();
    }
    check.done(authenticator_.Authenticate(check.header));
  }
}

}  // namespace hotline::service
