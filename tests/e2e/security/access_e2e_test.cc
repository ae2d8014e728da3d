// A sample of the access tables' cells called against real service processes: each refusal comes
// before any effect, and a ticket or assignment out of reach answers like one that does not exist.
#include <catch2/catch.hpp>

#include "tests/e2e/intake/intake_fixture.h"
#include "tests/e2e/routing/routing_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::security {
namespace {

namespace common = hotline::common::v1;
namespace intake_v1 = hotline::intake::v1;
namespace routing_v1 = hotline::routing::v1;
using hotline::intake::testing::IntakeFixture;
using hotline::routing::testing::RoutingFixture;
using ::hotline::testing::UniqueName;

TEST_CASE("intake refuses at the door, before anything is written", "[security]") {
  IntakeFixture f;
  const std::string county_office = f.Token("supervisor", "530102");
  const std::string unit = f.Token("unit", "530102");

  intake_v1::UpsertCategoryRequest category;
  category.mutable_category()->set_code("public-utilities/heating");
  category.mutable_category()->set_name("供暖");
  intake_v1::UpsertCategoryResponse upserted;
  const int64_t categories = f.Count("SELECT count(*) FROM intake_categories");
  grpc::Status status = f.stub().UpsertCategory(f.As(county_office).get(), category, &upserted);
  CHECK(status.error_code() == grpc::StatusCode::PERMISSION_DENIED);
  CHECK(status.error_message().find("whole instance") != std::string::npos);
  CHECK(f.Count("SELECT count(*) FROM intake_categories") == categories);

  intake_v1::UpsertScopeRuleRequest rule;
  intake_v1::UpsertScopeRuleResponse rule_out;
  CHECK(f.stub().UpsertScopeRule(f.As(county_office).get(), rule, &rule_out).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);  // refused before the empty rule is even checked

  intake_v1::SubmitTicketResponse submitted;
  CHECK(f.Submit(f.ValidRequest(UniqueName("k")), &submitted, unit).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
  CHECK(f.Count("SELECT count(*) FROM tickets") == 0);

  intake_v1::ListDuplicateLinksRequest links;
  intake_v1::ListDuplicateLinksResponse links_out;
  CHECK(
      f.stub().ListDuplicateLinks(f.As(f.frontend_kunming).get(), links, &links_out).error_code() ==
      grpc::StatusCode::PERMISSION_DENIED);
}

TEST_CASE("intake answers a ticket out of reach like an absent one", "[security]") {
  IntakeFixture f;
  intake_v1::SubmitTicketResponse kunming;
  REQUIRE(f.Submit(f.ValidRequest(UniqueName("k")), &kunming).ok());

  auto get = [&](const std::string& number, const std::string& token) {
    intake_v1::GetTicketRequest request;
    request.set_ticket_number(number);
    intake_v1::GetTicketResponse response;
    return f.stub().GetTicket(f.As(token).get(), request, &response);
  };
  const grpc::Status elsewhere = get(kunming.ticket_number(), f.frontend_qujing);
  const grpc::Status absent = get("53-20000101-000001", f.frontend_qujing);
  CHECK(elsewhere.error_code() == grpc::StatusCode::NOT_FOUND);
  CHECK(absent.error_code() == elsewhere.error_code());
  CHECK(absent.error_message() == elsewhere.error_message());
  // A role that may not read tickets is told so, whatever the number.
  CHECK(get(kunming.ticket_number(), f.reporting).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);

  intake_v1::WithdrawTicketRequest withdraw;
  withdraw.set_ticket_number(kunming.ticket_number());
  withdraw.set_reason("不需要了");
  intake_v1::WithdrawTicketResponse withdrawn;
  CHECK(f.stub().WithdrawTicket(f.As(f.frontend_qujing).get(), withdraw, &withdrawn).error_code() ==
        grpc::StatusCode::NOT_FOUND);
  CHECK(f.Count("SELECT count(*) FROM tickets WHERE state = 'WITHDRAWN'") == 0);
}

TEST_CASE("routing: another unit's or a returned assignment is out of reach", "[security]") {
  RoutingFixture f;
  const std::string number = f.Submit("education/fees", "530102");
  f.WaitForState(number, "DISPATCHED");
  const int64_t lead = f.AssignmentOf(number, "530102-education").id();

  auto read = [&](const std::string& unit, int64_t id) {
    routing_v1::GetAssignedTicketRequest request;
    request.set_assignment_id(id);
    routing_v1::GetAssignedTicketResponse response;
    return f.routing().GetAssignedTicket(RoutingFixture::As(f.UnitToken(unit)).get(), request,
                                         &response);
  };
  const grpc::Status other_unit = read("530103-education", lead);
  const grpc::Status absent = read("530103-education", 987654321);
  CHECK(other_unit.error_code() == grpc::StatusCode::NOT_FOUND);
  CHECK(other_unit.error_message() == absent.error_message());

  routing_v1::SignForRequest sign;
  sign.set_assignment_id(lead);
  routing_v1::SignForResponse signed_out;
  CHECK(f.routing()
            .SignFor(RoutingFixture::As(f.UnitToken("530103-education")).get(), sign, &signed_out)
            .error_code() == grpc::StatusCode::NOT_FOUND);
  CHECK(f.AssignmentOf(number, "530102-education").state() == common::ASSIGNMENT_STATE_DISPATCHED);

  // The unit returns it and the office upholds the objection; from then on the unit reads the
  // ticket no more (while the objection waits, its part is live and it still reads it).
  REQUIRE(read("530102-education", lead).ok());
  routing_v1::ReturnAssignmentRequest give_back;
  give_back.set_assignment_id(lead);
  give_back.set_reason("不属于本单位职责");
  routing_v1::ReturnAssignmentResponse returned;
  REQUIRE(f.routing()
              .ReturnAssignment(RoutingFixture::As(f.UnitToken("530102-education")).get(),
                                give_back, &returned)
              .ok());
  REQUIRE(read("530102-education", lead).ok());
  routing_v1::DecideObjectionRequest uphold;
  uphold.set_objection_id(returned.objection().id());
  uphold.set_decision(routing_v1::OBJECTION_DECISION_UPHOLD);
  uphold.set_reason("核实属实");
  routing_v1::DecideObjectionResponse upheld;
  // Another jurisdiction's office cannot decide it: it answers as absent.
  CHECK(f.routing()
            .DecideObjection(RoutingFixture::As(f.supervisor_qujing).get(), uphold, &upheld)
            .error_code() == grpc::StatusCode::NOT_FOUND);
  REQUIRE(
      f.routing().DecideObjection(RoutingFixture::As(f.supervisor).get(), uphold, &upheld).ok());
  const grpc::Status after = read("530102-education", lead);
  CHECK(after.error_code() == grpc::StatusCode::NOT_FOUND);
  CHECK(after.error_message() == absent.error_message());
}

TEST_CASE("routing: the directory is edited only by an operator of the whole instance",
          "[security]") {
  RoutingFixture f;
  const std::string county_admin = f.Token("admin", "530102", UniqueName("admin-county"));
  routing_v1::DeactivateUnitRequest request;
  request.set_unit_id("530102-education");
  routing_v1::DeactivateUnitResponse response;
  CHECK(f.routing()
            .DeactivateUnit(RoutingFixture::As(county_admin).get(), request, &response)
            .error_code() == grpc::StatusCode::PERMISSION_DENIED);
  CHECK(f.Count("SELECT count(*) FROM routing_units WHERE id = '530102-education' AND active") ==
        1);
  // The same operator still reads reference data.
  routing_v1::GetUnitRequest get;
  get.set_unit_id("530102-education");
  routing_v1::GetUnitResponse unit;
  CHECK(f.routing().GetUnit(RoutingFixture::As(county_admin).get(), get, &unit).ok());
}

}  // namespace
}  // namespace hotline::security
