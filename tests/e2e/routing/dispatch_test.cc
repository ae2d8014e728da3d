// Tickets submitted at intake are dispatched by routing through the real services.
#include <catch2/catch.hpp>

#include "tests/e2e/routing/routing_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::routing::testing {
namespace {

namespace v1 = hotline::routing::v1;
using Units = std::vector<std::string>;

v1::ExplainRoutingResponse Explain(RoutingFixture& f, const std::string& number,
                                   const std::string& token) {
  v1::ExplainRoutingRequest request;
  request.set_ticket_number(number);
  v1::ExplainRoutingResponse response;
  grpc::Status status =
      f.routing().ExplainRouting(RoutingFixture::As(token).get(), request, &response);
  INFO(status.error_message());
  REQUIRE(status.ok());
  return response;
}

TEST_CASE("an accepted ticket is dispatched to the units the catalogue names", "[routing]") {
  RoutingFixture f;
  const std::string number = f.Submit("education/enrolment", "530102001001");
  f.WaitForState(number, "DISPATCHED");
  CHECK(f.LatestRound(number) ==
        Units{"530102-education:LEAD:DISPATCHED", "530102-civil-affairs:CO_HANDLER:DISPATCHED"});

  const v1::Assignment lead = f.AssignmentOf(number, "530102-education");
  CHECK(lead.role() == hotline::common::v1::ASSIGNMENT_ROLE_LEAD);
  CHECK(lead.category() == "education/enrolment");
  CHECK(lead.region_code() == "530102001001");
  CHECK(lead.round() == 1);

  const v1::ExplainRoutingResponse explained = Explain(f, number, f.supervisor);
  REQUIRE(explained.decisions_size() == 1);
  const v1::RoutingDecision& d = explained.decisions(0);
  CHECK(d.outcome() == v1::DECISION_OUTCOME_DISPATCHED);
  CHECK(d.trigger() == "accepted");
  REQUIRE(d.considered_size() >= 1);
  CHECK(d.considered(0).chosen());
  CHECK(d.considered(0).rule().category_prefix() == "education");
  REQUIRE(d.units_size() == 2);
  CHECK(d.units(0).unit_id() == "530102-education");
  CHECK(d.units(0).why() == "education unit at the rule's tier (county)");
  CHECK(f.Count("SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id "
                "WHERE t.number = '" +
                number + "' AND e.type = 'routing.dispatched'") == 1);

  // Intake's look-up shows who handles it, from routing's events.
  REQUIRE(::hotline::testing::PollUntil(absl::Seconds(5), [&] {
    hotline::intake::v1::GetTicketRequest get;
    get.set_ticket_number(number);
    hotline::intake::v1::GetTicketResponse got;
    return f.intake().GetTicket(RoutingFixture::As(f.supervisor).get(), get, &got).ok() &&
           got.handling_units_size() == 2;
  }));
  v1::SignForRequest sign;
  sign.set_assignment_id(lead.id());
  v1::SignForResponse signed_response;
  REQUIRE(f.routing()
              .SignFor(RoutingFixture::As(f.UnitToken("530102-education")).get(), sign,
                       &signed_response)
              .ok());
  hotline::intake::v1::GetTicketRequest get;
  get.set_ticket_number(number);
  hotline::intake::v1::GetTicketResponse got;
  REQUIRE(f.intake().GetTicket(RoutingFixture::As(f.supervisor).get(), get, &got).ok());
  CHECK(got.ticket().state() == hotline::common::v1::TICKET_STATE_IN_PROGRESS);
  REQUIRE(got.handling_units_size() == 2);
  CHECK(got.handling_units(0).unit_id() == "530102-education");
  CHECK(got.handling_units(0).unit_name() == "530102 education");
  CHECK(got.handling_units(0).role() == hotline::common::v1::ASSIGNMENT_ROLE_LEAD);
  CHECK(got.handling_units(0).state() == hotline::common::v1::ASSIGNMENT_STATE_SIGNED);
  CHECK(got.handling_units(1).state() == hotline::common::v1::ASSIGNMENT_STATE_DISPATCHED);
}

TEST_CASE("unknown places wait for the office and other regions are transferred out", "[routing]") {
  RoutingFixture f;
  const std::string unknown = f.Submit("education/enrolment", "530199");
  const std::string baotou = f.Submit("education/enrolment", "150202");
  const std::string no_rule = f.Submit("general/other", "530102", /*involves_minor=*/true);
  const std::string provincial = f.Submit("public-security/exit-entry", "530102");
  f.WaitForState(baotou, "TRANSFERRED_OUT");
  f.WaitForState(provincial, "DISPATCHED");
  CHECK(f.LatestRound(provincial) == Units{"53-public-security:LEAD:DISPATCHED"});
  REQUIRE(::hotline::testing::PollUntil(absl::Seconds(20), [&] {
    return f.Count("SELECT count(*) FROM routing_manual_queue") == 2;
  }));
  CHECK(f.StateOf(unknown) == "PENDING_DISPATCH");
  CHECK(f.Count("SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id "
                "WHERE t.number = '" +
                baotou + "' AND e.type = 'routing.transferred_out'") == 1);

  v1::ListManualQueueResponse queue;
  grpc::Status status =
      f.routing().ListManualQueue(RoutingFixture::As(f.supervisor).get(), {}, &queue);
  REQUIRE(status.ok());
  REQUIRE(queue.entries_size() == 2);
  for (const v1::ManualQueueEntry& e : queue.entries()) {
    if (e.ticket_number() == unknown) {
      CHECK(e.reason_code() == "routing.unknown_region");
      CHECK(e.review_with_department().empty());
    } else {
      CHECK(e.ticket_number() == no_rule);
      CHECK(e.reason_code() == "routing.no_rule");
      CHECK(e.involves_minor());
      CHECK(e.review_with_department() == "civil-affairs");
    }
  }
  // Qujing's office does not see Kunming's queue.
  v1::ListManualQueueResponse qujing;
  REQUIRE(
      f.routing().ListManualQueue(RoutingFixture::As(f.supervisor_qujing).get(), {}, &qujing).ok());
  CHECK(qujing.entries_size() == 0);

  // Paged one at a time, the two entries come in order and then stop.
  v1::ListManualQueueRequest page_request;
  page_request.set_page_size(1);
  v1::ListManualQueueResponse first, second;
  REQUIRE(f.routing()
              .ListManualQueue(RoutingFixture::As(f.supervisor).get(), page_request, &first)
              .ok());
  REQUIRE(first.entries_size() == 1);
  page_request.set_page_token(first.next_page_token());
  REQUIRE(f.routing()
              .ListManualQueue(RoutingFixture::As(f.supervisor).get(), page_request, &second)
              .ok());
  REQUIRE(second.entries_size() == 1);
  CHECK(second.entries(0).ticket_number() != first.entries(0).ticket_number());
  CHECK(second.next_page_token().empty());
}

TEST_CASE("a child-protection emergency goes to the 12349 chain at once", "[routing]") {
  RoutingFixture f;
  const std::string number = f.Submit("minor-protection/abuse", "530102001001", true);
  f.WaitForState(number, "DISPATCHED");
  CHECK(f.LatestRound(number) == Units{"530102001-child-supervisor:LEAD:DISPATCHED",
                                       "530102001001-child-director:CO_HANDLER:DISPATCHED",
                                       "530102-civil-affairs:NOTIFIED:DISPATCHED",
                                       "5301-minor-protection-centre:NOTIFIED:DISPATCHED",
                                       "5301-civil-affairs:NOTIFIED:DISPATCHED"});
  CHECK(f.AssignmentOf(number, "5301-civil-affairs").notify_order() == 3);
  const v1::ExplainRoutingResponse explained = Explain(f, number, f.supervisor);
  REQUIRE(explained.decisions_size() == 1);
  CHECK(explained.decisions(0).outcome() == v1::DECISION_OUTCOME_EMERGENCY_CHAIN);
  CHECK(explained.decisions(0).trigger() == "emergency");

  // A notified unit only signs; it cannot return or reply.
  const v1::Assignment notified = f.AssignmentOf(number, "5301-minor-protection-centre");
  v1::ReturnAssignmentRequest ret;
  ret.set_assignment_id(notified.id());
  ret.set_reason("不属于本单位");
  v1::ReturnAssignmentResponse ret_response;
  CHECK(f.routing()
            .ReturnAssignment(RoutingFixture::As(f.UnitToken("5301-minor-protection-centre")).get(),
                              ret, &ret_response)
            .error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  v1::SignForRequest sign;
  sign.set_assignment_id(notified.id());
  v1::SignForResponse signed_response;
  REQUIRE(f.routing()
              .SignFor(RoutingFixture::As(f.UnitToken("5301-minor-protection-centre")).get(), sign,
                       &signed_response)
              .ok());
  CHECK(signed_response.ticket_state() == hotline::common::v1::TICKET_STATE_DISPATCHED);
}

TEST_CASE("explanations are for the office of the ticket's region", "[routing]") {
  RoutingFixture f;
  const std::string number = f.Submit("public-utilities/water", "530102");
  f.WaitForState(number, "DISPATCHED");
  v1::ExplainRoutingRequest request;
  request.set_ticket_number(number);
  v1::ExplainRoutingResponse response;
  CHECK(f.routing()
            .ExplainRouting(RoutingFixture::As(f.supervisor_qujing).get(), request, &response)
            .error_code() == grpc::StatusCode::NOT_FOUND);  // out of reach answers as absent
  CHECK(f.routing()
            .ExplainRouting(RoutingFixture::As(f.frontend).get(), request, &response)
            .error_code() == grpc::StatusCode::PERMISSION_DENIED);
  request.set_ticket_number("53-20260101-999999");
  CHECK(f.routing()
            .ExplainRouting(RoutingFixture::As(f.supervisor).get(), request, &response)
            .error_code() == grpc::StatusCode::NOT_FOUND);
  CHECK(f.LatestRound(number) == Units{"5301-water-supply:LEAD:DISPATCHED"});
}

}  // namespace
}  // namespace hotline::routing::testing
