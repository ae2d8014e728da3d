// Exactly once and in order at the receiver; retries, dead letters and the breaker at the sender.
#include "services/provincial-transfer/rules/delivery_rules.h"

#include <catch2/catch.hpp>

namespace hotline::transfer {
namespace {

TEST_CASE("The inbox applies the next message, holds a later one, ignores a repeat", "[inbox]") {
  CHECK(DecideInboxStep(0, 1, false) == InboxStep::kApply);
  CHECK(DecideInboxStep(3, 4, false) == InboxStep::kApply);
  CHECK(DecideInboxStep(0, 2, false) == InboxStep::kHold);  // the ticket itself is missing
  CHECK(DecideInboxStep(3, 6, false) == InboxStep::kHold);
  CHECK(DecideInboxStep(3, 3, true) == InboxStep::kDuplicate);
  CHECK(DecideInboxStep(3, 2, false) == InboxStep::kDuplicate);  // applied long ago
  CHECK(DecideInboxStep(3, 6, true) == InboxStep::kDuplicate);   // held already
}

TEST_CASE("The province sends a prefecture only its own places", "[inbox]") {
  PeerConfig province;
  province.instance_code = "53";
  province.role = InstanceRole::kProvince;
  const SelfInstance qujing{"5303", InstanceRole::kPrefecture};
  CHECK(CheckPeerMaySend(qujing, province, "530302").ok());
  const absl::Status kunming = CheckPeerMaySend(qujing, province, "530102");
  CHECK(kunming.code() == absl::StatusCode::kPermissionDenied);
  CHECK(kunming.message() ==
        "peer 53 may not send this instance a ticket for 530102: outside its jurisdiction");

  PeerConfig prefecture;
  prefecture.instance_code = "5301";
  prefecture.role = InstanceRole::kPrefecture;
  CHECK(CheckPeerMaySend({"53", InstanceRole::kProvince}, prefecture, "150202").ok());
}

TEST_CASE("Outages retry, refusals dead-letter, NOT_FOUND is never success", "[sender]") {
  using C = absl::StatusCode;
  CHECK(ClassifyAttempt(C::kOk) == AttemptVerdict::kDelivered);
  for (C code : {C::kUnavailable, C::kDeadlineExceeded, C::kResourceExhausted, C::kNotFound,
                 C::kInternal, C::kUnknown}) {
    CHECK(ClassifyAttempt(code) == AttemptVerdict::kRetry);
  }
  for (C code : {C::kInvalidArgument, C::kPermissionDenied, C::kFailedPrecondition}) {
    CHECK(ClassifyAttempt(code) == AttemptVerdict::kDeadLetter);
  }
}

TEST_CASE("Backoff doubles per attempt up to the bound, with jitter in its upper half",
          "[sender]") {
  RetryBounds b;
  b.initial_backoff = absl::Seconds(1);
  b.max_backoff = absl::Seconds(10);
  CHECK(RetryDelay(b, 1, 0.0) == absl::Milliseconds(500));
  CHECK(RetryDelay(b, 1, 0.999999) < absl::Seconds(1));
  CHECK(RetryDelay(b, 2, 0.0) == absl::Seconds(1));
  CHECK(RetryDelay(b, 3, 0.5) == absl::Seconds(3));  // 4 s: 2 + 1
  CHECK(RetryDelay(b, 5, 0.0) == absl::Seconds(5));  // 16 s capped at 10
  CHECK(RetryDelay(b, 1000, 0.0) == absl::Seconds(5));
}

TEST_CASE("The breaker opens after its failures, probes once, closes on success", "[sender]") {
  RetryBounds b;
  b.breaker_failures = 3;
  b.breaker_open_for = absl::Seconds(30);
  CircuitBreaker breaker(b);
  const absl::Time t0 = absl::FromUnixSeconds(1800000000);
  for (int i = 0; i < 2; ++i) {
    REQUIRE(breaker.Allow(t0));
    breaker.OnFailure(t0);
  }
  CHECK(breaker.state(t0) == CircuitBreaker::State::kClosed);
  breaker.OnFailure(t0);
  CHECK(breaker.state(t0) == CircuitBreaker::State::kOpen);
  CHECK_FALSE(breaker.Allow(t0 + absl::Seconds(29)));

  const absl::Time later = t0 + absl::Seconds(30);
  CHECK(breaker.state(later) == CircuitBreaker::State::kHalfOpen);
  CHECK(breaker.Allow(later));        // the probe
  CHECK_FALSE(breaker.Allow(later));  // and nothing beside it
  breaker.OnFailure(later);           // the probe failed: open for another period
  CHECK(breaker.state(later + absl::Seconds(29)) == CircuitBreaker::State::kOpen);

  const absl::Time again = later + absl::Seconds(30);
  REQUIRE(breaker.Allow(again));
  breaker.OnSuccess();
  CHECK(breaker.state(again) == CircuitBreaker::State::kClosed);
  CHECK(breaker.Allow(again));
  CHECK(breaker.Allow(again));  // closed: several in flight
}

}  // namespace
}  // namespace hotline::transfer
