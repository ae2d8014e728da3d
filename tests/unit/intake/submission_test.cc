#include "services/intake/rules/submission.h"

#include <catch2/catch.hpp>

#include "services/intake/api/convert.h"

namespace hotline::intake {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::intake::v1;

TEST_CASE("a result is stored and replayed whole", "[submission]") {
  SubmitResult result;
  result.ticket_number = "5301-20261122-000123";
  result.state = common::TICKET_STATE_EMERGENCY_REFERRED;
  result.decision = v1::SCOPE_DECISION_EMERGENCY_REFERRAL;
  result.reason_code = "scope.emergency.violence";
  result.reason = "已转110";
  result.referred_to = {v1::EMERGENCY_LINE_110, v1::EMERGENCY_LINE_120};
  result.urgency = common::URGENCY_EXTRA_URGENT;
  result.possible_duplicate_of = "5301-20261121-000007";
  const std::string bytes = ResponseOf(result).SerializeAsString();
  v1::SubmitTicketResponse stored;
  REQUIRE(stored.ParseFromString(bytes));
  const std::optional<SubmitResult> replayed = ResultOf(stored);
  REQUIRE(replayed);
  CHECK(ResponseOf(*replayed).SerializeAsString() == bytes);
  CHECK_FALSE(replayed->answer);
}

TEST_CASE("a stored answer without a ticket is unreadable", "[submission]") {
  CHECK_FALSE(ResultOf(v1::SubmitTicketResponse()));
}

TEST_CASE("the fingerprint is the request's", "[submission]") {
  v1::SubmitTicketRequest request;
  request.set_idempotency_key("console-03:1");
  request.set_content("路灯坏了");
  const SubmitCommand first = CommandOf(request);
  request.set_content("路灯坏了两天");
  const SubmitCommand changed = CommandOf(request);
  CHECK(first.fingerprint.size() == 64);
  CHECK(first.fingerprint != changed.fingerprint);
  CHECK(first.idempotency_key == "console-03:1");
  CHECK(changed.content == "路灯坏了两天");
}

}  // namespace
}  // namespace hotline::intake
