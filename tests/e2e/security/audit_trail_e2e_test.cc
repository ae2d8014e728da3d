// The audit trail against real processes: every unmasked GetTicket leaves a row naming the
// fields seen and why; the office reads the trail of its jurisdiction only; no values travel.
#include <catch2/catch.hpp>

#include "tests/e2e/intake/intake_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::security {
namespace {

namespace intake_v1 = hotline::intake::v1;
using hotline::intake::testing::IntakeFixture;
using ::hotline::testing::UniqueName;

TEST_CASE("intake: the office reads the audit trail of its own jurisdiction only", "[security]") {
  IntakeFixture f;
  intake_v1::SubmitTicketResponse taken;
  REQUIRE(f.Submit(f.ValidRequest(UniqueName("a")), &taken).ok());  // Kunming, by its console
  REQUIRE_FALSE(f.Get(taken.ticket_number(), f.frontend_kunming).masked());
  REQUIRE_FALSE(f.Get(taken.ticket_number(), f.supervisor).masked());
  REQUIRE(f.Get(taken.ticket_number(), f.province).masked());  // masked: no row

  auto trail = [&](const std::string& token, intake_v1::ListAuditTrailRequest request,
                   intake_v1::ListAuditTrailResponse* out) {
    return f.stub().ListAuditTrail(f.As(token).get(), request, out);
  };
  intake_v1::ListAuditTrailRequest request;
  request.set_ticket_number(taken.ticket_number());
  intake_v1::ListAuditTrailResponse answer;
  REQUIRE(trail(f.supervisor, request, &answer).ok());
  REQUIRE(answer.entries_size() == 2);
  const intake_v1::AuditEntry& newest = answer.entries(0);
  CHECK(newest.action() == "read");
  CHECK(newest.actor_role() == hotline::common::v1::ROLE_SUPERVISOR);
  CHECK(newest.ground() == "office");
  CHECK(answer.entries(1).ground() == "took the ticket");
  std::vector<std::string> fields(newest.fields().begin(), newest.fields().end());
  CHECK(std::find(fields.begin(), fields.end(), "caller.phone") != fields.end());
  // Names of fields, never the values.
  CHECK(answer.DebugString().find("13812345678") == std::string::npos);
  CHECK(answer.DebugString().find("李明") == std::string::npos);

  // Paging: one at a time, the same two entries.
  request.set_page_size(1);
  intake_v1::ListAuditTrailResponse first, second;
  REQUIRE(trail(f.supervisor, request, &first).ok());
  REQUIRE(first.entries_size() == 1);
  REQUIRE_FALSE(first.next_page_token().empty());
  request.set_page_token(first.next_page_token());
  REQUIRE(trail(f.supervisor, request, &second).ok());
  REQUIRE(second.entries_size() == 1);
  CHECK(second.entries(0).ground() == "took the ticket");
  CHECK(second.next_page_token().empty());

  // Qujing's office learns nothing of a Kunming ticket: the answer of a ticket that is not there.
  request.clear_page_token();
  request.clear_page_size();
  intake_v1::ListAuditTrailResponse elsewhere, absent;
  REQUIRE(trail(f.Token("supervisor", "5303"), request, &elsewhere).ok());
  CHECK(elsewhere.entries_size() == 0);
  intake_v1::ListAuditTrailRequest no_such;
  no_such.set_ticket_number("53-20991231-999999");
  REQUIRE(trail(f.supervisor, no_such, &absent).ok());
  CHECK(absent.entries_size() == 0);
  // Only the office reads it.
  for (const std::string& token : {f.frontend_kunming, f.province, f.admin}) {
    CHECK(trail(token, request, &answer).error_code() == grpc::StatusCode::PERMISSION_DENIED);
  }
  // Bad input names the field.
  intake_v1::ListAuditTrailRequest bad;
  bad.set_page_token("not-a-token");
  CHECK(trail(f.supervisor, bad, &answer).error_code() == grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace hotline::security
