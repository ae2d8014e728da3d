// Need-to-know against real processes: a console reads in full only what it took and acts only
// on it; on a minor's ticket only the lead unit learns who called, unless the office grants
// another unit sight of it for a while.
#include <catch2/catch.hpp>

#include "libs/common/proto_time.h"
#include "tests/e2e/intake/intake_fixture.h"
#include "tests/e2e/routing/routing_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::security {
namespace {

namespace intake_v1 = hotline::intake::v1;
namespace routing_v1 = hotline::routing::v1;
using hotline::intake::testing::IntakeFixture;
using hotline::routing::testing::RoutingFixture;
using ::hotline::testing::PollUntil;
using ::hotline::testing::UniqueName;

TEST_CASE("intake: a console reads in full only what it took, and acts only on it", "[security]") {
  IntakeFixture f;
  const std::string neighbour = f.Token("frontend", "5301");
  intake_v1::SubmitTicketResponse taken;
  REQUIRE(f.Submit(f.ValidRequest(UniqueName("k")), &taken).ok());  // by the Kunming console
  CHECK_FALSE(f.Get(taken.ticket_number(), f.frontend_kunming).masked());
  const intake_v1::GetTicketResponse seen = f.Get(taken.ticket_number(), neighbour);
  CHECK(seen.masked());
  CHECK(seen.ticket().caller().phone() == "138****5678");

  intake_v1::WithdrawTicketRequest withdraw;
  withdraw.set_ticket_number(taken.ticket_number());
  withdraw.set_reason("不需要了");
  intake_v1::WithdrawTicketResponse withdrawn;
  CHECK(f.stub().WithdrawTicket(f.As(neighbour).get(), withdraw, &withdrawn).error_code() ==
        grpc::StatusCode::NOT_FOUND);
  CHECK(f.stub().WithdrawTicket(f.As(f.frontend_kunming).get(), withdraw, &withdrawn).ok());

  // A Qujing console takes a call about Kunming and reads it back; Qujing's other consoles not.
  intake_v1::SubmitTicketResponse out_of_area;
  REQUIRE(f.Submit(f.ValidRequest(UniqueName("k")), &out_of_area, f.frontend_qujing).ok());
  CHECK_FALSE(f.Get(out_of_area.ticket_number(), f.frontend_qujing).masked());
  intake_v1::GetTicketRequest request;
  request.set_ticket_number(out_of_area.ticket_number());
  intake_v1::GetTicketResponse response;
  CHECK(f.stub()
            .GetTicket(f.As(f.Token("frontend", "5303")).get(), request, &response)
            .error_code() == grpc::StatusCode::NOT_FOUND);
}

TEST_CASE("routing: on a minor's ticket only the lead unit learns who called", "[security]") {
  RoutingFixture f;
  const std::string number = f.Submit("minor-protection/school-bullying", "530102", true);
  f.WaitForState(number, "DISPATCHED");
  std::string lead, co;
  for (const std::string& entry : f.LatestRound(number)) {
    const std::string unit = entry.substr(0, entry.find(':'));
    if (entry.find(":LEAD:") != std::string::npos) lead = unit;
    if (entry.find(":CO_HANDLER:") != std::string::npos) co = unit;
  }
  REQUIRE_FALSE(lead.empty());
  REQUIRE_FALSE(co.empty());
  auto read = [&](const std::string& unit, routing_v1::GetAssignedTicketResponse* out) {
    routing_v1::GetAssignedTicketRequest request;
    request.set_assignment_id(f.AssignmentOf(number, unit).id());
    return f.routing().GetAssignedTicket(RoutingFixture::As(f.UnitToken(unit)).get(), request, out);
  };
  routing_v1::GetAssignedTicketResponse as_lead, as_co;
  REQUIRE(read(lead, &as_lead).ok());
  CHECK_FALSE(as_lead.caller_withheld());
  CHECK_FALSE(as_lead.ticket().caller().phone().empty());
  REQUIRE(read(co, &as_co).ok());
  CHECK(as_co.caller_withheld());
  CHECK(as_co.ticket().caller().name().empty());
  CHECK(as_co.ticket().caller().phone().empty());
  CHECK(as_co.ticket().address().empty());
  CHECK_FALSE(as_co.ticket().content().empty());  // the matter itself, to act on
}

TEST_CASE("routing: an office grant shows a co-handler a minor's details until revoked or expired",
          "[security]") {
  RoutingFixture f;
  const std::string number = f.Submit("minor-protection/school-bullying", "530102", true);
  f.WaitForState(number, "DISPATCHED");
  std::string co;
  for (const std::string& entry : f.LatestRound(number)) {
    if (entry.find(":CO_HANDLER:") != std::string::npos) co = entry.substr(0, entry.find(':'));
  }
  REQUIRE_FALSE(co.empty());
  const int64_t assignment_id = f.AssignmentOf(number, co).id();
  auto withheld = [&] {
    routing_v1::GetAssignedTicketRequest request;
    request.set_assignment_id(assignment_id);
    routing_v1::GetAssignedTicketResponse read;
    const grpc::Status status =
        f.routing().GetAssignedTicket(RoutingFixture::As(f.UnitToken(co)).get(), request, &read);
    REQUIRE(status.ok());
    CHECK(read.ticket().caller().phone().empty() == read.caller_withheld());
    CHECK(read.ticket().address().empty() == read.caller_withheld());
    return read.caller_withheld();
  };
  auto grant = [&](absl::Duration for_how_long, const std::string& token) {
    routing_v1::GrantMinorDetailsRequest request;
    request.set_ticket_number(number);
    request.set_unit_id(co);
    request.set_reason("协办单位需联系监护人");
    *request.mutable_expires_at() = ToTimestamp(absl::Now() + for_how_long);
    routing_v1::GrantMinorDetailsResponse response;
    return f.routing().GrantMinorDetails(RoutingFixture::As(token).get(), request, &response);
  };
  const std::string audited_grants = "SELECT count(*) FROM routing_audit_grants";
  CHECK(withheld());

  // Only the instance's office grants; a prefecture's office or the unit itself may not.
  CHECK(grant(absl::Hours(1), f.supervisor_qujing).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
  CHECK(grant(absl::Hours(1), f.UnitToken(co)).error_code() == grpc::StatusCode::PERMISSION_DENIED);
  CHECK(f.Count(audited_grants) == 0);

  REQUIRE(grant(absl::Hours(1), f.supervisor).ok());
  CHECK(f.Count("SELECT count(*) FROM routing_audit_grants WHERE action = 'grant'") == 1);
  CHECK_FALSE(withheld());
  CHECK(f.Count("SELECT count(*) FROM routing_audit_reads WHERE NOT caller_withheld "
                "AND grant_id IS NOT NULL") == 1);

  routing_v1::RevokeMinorDetailsRequest revoke;
  revoke.set_ticket_number(number);
  revoke.set_unit_id(co);
  revoke.set_reason("已核实");
  routing_v1::RevokeMinorDetailsResponse revoked;
  REQUIRE(f.routing()
              .RevokeMinorDetails(RoutingFixture::As(f.supervisor).get(), revoke, &revoked)
              .ok());
  CHECK(revoked.revoked() == 1);
  CHECK(f.Count("SELECT count(*) FROM routing_audit_grants WHERE action = 'revoke'") == 1);
  CHECK(withheld());

  // A grant that runs out: redacted again once its time has passed.
  REQUIRE(grant(absl::Seconds(2), f.supervisor).ok());
  CHECK_FALSE(withheld());
  CHECK(PollUntil(
      absl::Seconds(15), [&] { return withheld(); }, absl::Milliseconds(200)));
}

}  // namespace
}  // namespace hotline::security
