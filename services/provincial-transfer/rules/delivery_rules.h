#pragma once

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/provincial-transfer/rules/topology.h"

namespace hotline::transfer {

// ---- The receiver: exactly once, in order per ticket ----

// What the receiver does with message `sequence` of one (origin instance, origin ticket) when it
// has applied up to `last_applied` (0: nothing yet) and `already_received` says whether this very
// sequence is in the inbox (applied or held).
enum class InboxStep {
  kApply,      // the next one: apply it, then any held successors
  kHold,       // a predecessor is missing: keep it until that arrives (bounded time, then parked)
  kDuplicate,  // seen before: answer what the first delivery answered, change nothing
};
InboxStep DecideInboxStep(int64_t last_applied, int64_t sequence, bool already_received);

// PERMISSION_DENIED unless `peer` may send this instance a ticket for `region_code`: the province
// (or a national platform) only what lies within this instance's jurisdiction; a prefecture or an
// industry line anything (they send on whatever is not theirs).
absl::Status CheckPeerMaySend(const SelfInstance& self, const PeerConfig& peer,
                              const std::string& region_code);

// ---- The sender: retries, dead letters, the breaker ----

// What the sender does after an attempt that ended with `code`.
enum class AttemptVerdict {
  kDelivered,
  kRetry,       // UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED (and anything unexpected)
  kDeadLetter,  // INVALID_ARGUMENT, PERMISSION_DENIED, FAILED_PRECONDITION: resending cannot help
};
// NOT_FOUND is never a success: it is retried like an outage (a peer that lost its state, or a
// proxy in front of the wrong service), and counts against the peer.
AttemptVerdict ClassifyAttempt(absl::StatusCode code);

// The wait before attempt `attempt` + 1 (attempt counts from 1): the initial backoff doubled per
// failed attempt up to the maximum, then "full jitter" in [half, whole] so that many messages
// failing together do not come back together. `unit_random` is uniform in [0, 1).
absl::Duration RetryDelay(const RetryBounds& bounds, int attempt, double unit_random);

// Per-peer circuit breaker: `breaker_failures` consecutive failed attempts open it; after
// `breaker_open_for` one probe may go (half-open); its success closes the breaker, its failure
// opens it again. Only the outcomes of this instance's own attempts move it: inbound traffic from
// the peer says nothing about whether the peer can take our messages. Not thread-safe.
class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };

  explicit CircuitBreaker(const RetryBounds& bounds) : bounds_(bounds) {}

  // Whether an attempt may start at `now`; in half-open, only the one probe.
  bool Allow(absl::Time now);
  void OnSuccess();
  void OnFailure(absl::Time now);

  // An operator asked for the peer to be tried now: an open breaker lets its probe go at once.
  void ProbeNow() { opened_at_ = absl::InfinitePast(); }

  State state(absl::Time now) const;
  void set_bounds(const RetryBounds& bounds) { bounds_ = bounds; }

 private:
  RetryBounds bounds_;
  int consecutive_failures_ = 0;
  bool open_ = false;
  absl::Time opened_at_ = absl::InfinitePast();
  bool probe_in_flight_ = false;
};

}  // namespace hotline::transfer
