#include "services/provincial-transfer/rules/delivery_rules.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"

namespace hotline::transfer {

InboxStep DecideInboxStep(int64_t last_applied, int64_t sequence, bool already_received) {
  if (already_received || sequence <= last_applied) return InboxStep::kDuplicate;
  return sequence == last_applied + 1 ? InboxStep::kApply : InboxStep::kHold;
}

absl::Status CheckPeerMaySend(const SelfInstance& self, const PeerConfig& peer,
                              const std::string& region_code) {
  if (peer.role != InstanceRole::kProvince && peer.role != InstanceRole::kNational) {
    return absl::OkStatus();
  }
  if (LongestRegionMatch({self.code}, region_code) >= 0) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat("peer ", peer.instance_code,
                                                  " may not send this instance a ticket for ",
                                                  region_code, ": outside its jurisdiction"));
}

AttemptVerdict ClassifyAttempt(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return AttemptVerdict::kDelivered;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kPermissionDenied:
    case absl::StatusCode::kFailedPrecondition:
      return AttemptVerdict::kDeadLetter;
    default:
      return AttemptVerdict::kRetry;
  }
}

absl::Duration RetryDelay(const RetryBounds& bounds, int attempt, double unit_random) {
  absl::Duration delay = bounds.initial_backoff;
  for (int i = 1; i < attempt && delay < bounds.max_backoff; ++i) delay *= 2;
  delay = std::min(delay, bounds.max_backoff);
  const double r = std::clamp(unit_random, 0.0, 1.0);
  return delay / 2 + (delay / 2) * r;
}

bool CircuitBreaker::Allow(absl::Time now) {
  switch (state(now)) {
    case State::kClosed:
      return true;
    case State::kOpen:
      return false;
    case State::kHalfOpen:
      if (probe_in_flight_) return false;
      probe_in_flight_ = true;
      return true;
  }
  return false;
}

void CircuitBreaker::OnSuccess() {
  consecutive_failures_ = 0;
  open_ = false;
  probe_in_flight_ = false;
}

void CircuitBreaker::OnFailure(absl::Time now) {
  ++consecutive_failures_;
  if (probe_in_flight_ || consecutive_failures_ >= bounds_.breaker_failures) {
    open_ = true;
    opened_at_ = now;
  }
  probe_in_flight_ = false;
}

CircuitBreaker::State CircuitBreaker::state(absl::Time now) const {
  if (!open_) return State::kClosed;
  return now - opened_at_ >= bounds_.breaker_open_for ? State::kHalfOpen : State::kOpen;
}

}  // namespace hotline::transfer
