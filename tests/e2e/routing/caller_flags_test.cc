// Flagged callers (恶意来电) through real intake and routing: the office flags a phone, that
// caller's next ticket waits in the manual queue for review instead of being dispatched, a
// minor's matter from the same phone is dispatched all the same, and lifting the flag restores
// dispatch. Only the office flags; the phone is never stored nor shown.
#include <catch2/catch.hpp>

#include "tests/e2e/routing/routing_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::routing::testing {
namespace {

namespace in = hotline::intake::v1;
namespace v1 = hotline::routing::v1;

grpc::Status Flag(RoutingFixture& f, const std::string& token, const std::string& phone,
                  const std::string& reason, in::FlagCallerResponse* out) {
  in::FlagCallerRequest r;
  r.set_phone(phone);
  r.set_reason_code(reason);
  return f.intake().FlagCaller(RoutingFixture::As(token).get(), r, out);
}

std::string QueueReason(RoutingFixture& f, const std::string& number) {
  v1::ListManualQueueResponse queue;
  REQUIRE(f.routing().ListManualQueue(RoutingFixture::As(f.supervisor).get(), {}, &queue).ok());
  for (const v1::ManualQueueEntry& e : queue.entries()) {
    if (e.ticket_number() == number) return e.reason_code();
  }
  return "";
}

TEST_CASE("a flagged caller's tickets wait for the office's review until the flag is lifted",
          "[caller_flags]") {
  RoutingFixture f;
  in::FlagCallerResponse flagged;
  // The fixture's submissions come from 13812345678.
  const grpc::Status set = Flag(f, f.supervisor, "138 1234 5678", "harassment", &flagged);
  INFO(set.error_message());
  REQUIRE(set.ok());
  CHECK(flagged.flag().phone_hint() == "5678");
  CHECK(f.Count("SELECT count(*) FROM intake_caller_flags WHERE position('13812345678' IN "
                "intake_caller_flags::text) > 0") == 0);

  const std::string held = f.Submit("education/fees", "530102");
  const std::string minor = f.Submit("education/fees", "530102", /*involves_minor=*/true);
  f.WaitForState(minor, "DISPATCHED");
  REQUIRE(::hotline::testing::PollUntil(absl::Seconds(20),
                                        [&] { return !QueueReason(f, held).empty(); }));
  CHECK(QueueReason(f, held) == "routing.caller_flagged");
  CHECK(f.StateOf(held) == "PENDING_DISPATCH");

  in::ListCallerFlagsResponse listed;
  REQUIRE(f.intake().ListCallerFlags(RoutingFixture::As(f.supervisor).get(), {}, &listed).ok());
  REQUIRE(listed.flags_size() == 1);
  CHECK(listed.flags(0).reason_code() == "harassment");
  CHECK(listed.DebugString().find("13812345678") == std::string::npos);

  in::LiftCallerFlagRequest lift;
  lift.set_id(flagged.flag().id());
  in::LiftCallerFlagResponse lifted;
  REQUIRE(f.intake().LiftCallerFlag(RoutingFixture::As(f.supervisor).get(), lift, &lifted).ok());
  const std::string after = f.Submit("education/fees", "530102");
  f.WaitForState(after, "DISPATCHED");
}

TEST_CASE("only the instance's office flags callers, with a valid phone and reason",
          "[caller_flags]") {
  RoutingFixture f;
  in::FlagCallerResponse out;
  CHECK(Flag(f, f.frontend, "13812345678", "harassment", &out).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
  CHECK(Flag(f, f.supervisor_qujing, "13812345678", "harassment", &out).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
  const grpc::Status bad = Flag(f, f.supervisor, "12345", "harassment", &out);
  CHECK(bad.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(bad.error_message().find("phone") != std::string::npos);
  CHECK(f.Count("SELECT count(*) FROM intake_caller_flags") == 0);
}

}  // namespace
}  // namespace hotline::routing::testing
