// The unit-side workflow over gRPC: sign for, co-handler opinions, the lead's reply, returns,
// manual dispatch and reassignment.
#include <catch2/catch.hpp>

#include "tests/e2e/routing/routing_fixture.h"

namespace hotline::routing::testing {
namespace {

namespace v1 = hotline::routing::v1;
namespace common = hotline::common::v1;
using Units = std::vector<std::string>;

grpc::Status Sign(RoutingFixture& f, const std::string& unit, int64_t id,
                  v1::SignForResponse* out = nullptr) {
  v1::SignForRequest r;
  r.set_assignment_id(id);
  v1::SignForResponse response;
  return f.routing().SignFor(RoutingFixture::As(f.UnitToken(unit)).get(), r, out ? out : &response);
}

grpc::Status Reply(RoutingFixture& f, const std::string& unit, int64_t id, const std::string& text,
                   v1::SubmitReplyResponse* out = nullptr) {
  v1::SubmitReplyRequest r;
  r.set_assignment_id(id);
  r.set_content(text);
  v1::SubmitReplyResponse response;
  return f.routing().SubmitReply(RoutingFixture::As(f.UnitToken(unit)).get(), r,
                                 out ? out : &response);
}

grpc::Status Return(RoutingFixture& f, const std::string& unit, int64_t id,
                    const std::string& reason, v1::ReturnAssignmentResponse* out = nullptr) {
  v1::ReturnAssignmentRequest r;
  r.set_assignment_id(id);
  r.set_reason(reason);
  v1::ReturnAssignmentResponse response;
  return f.routing().ReturnAssignment(RoutingFixture::As(f.UnitToken(unit)).get(), r,
                                      out ? out : &response);
}

// The office's decision on an objection.
grpc::Status Decide(RoutingFixture& f, int64_t objection_id, v1::ObjectionDecision decision,
                    v1::DecideObjectionResponse* out) {
  v1::DecideObjectionRequest r;
  r.set_objection_id(objection_id);
  r.set_decision(decision);
  r.set_reason("核实属实");
  return f.routing().DecideObjection(RoutingFixture::As(f.supervisor).get(), r, out);
}

TEST_CASE("sign for, co-handler opinion and the lead's reply", "[routing]") {
  RoutingFixture f;
  const std::string number = f.Submit("education/fees", "530102");
  f.WaitForState(number, "DISPATCHED");
  const int64_t lead = f.AssignmentOf(number, "530102-education").id();
  const int64_t co = f.AssignmentOf(number, "530102-civil-affairs").id();

  SECTION("only the unit itself acts on its assignment") {
    CHECK(Sign(f, "530102-civil-affairs", lead).error_code() == grpc::StatusCode::NOT_FOUND);
    v1::SignForRequest r;
    r.set_assignment_id(lead);
    v1::SignForResponse response;
    CHECK(f.routing().SignFor(RoutingFixture::As(f.supervisor).get(), r, &response).error_code() ==
          grpc::StatusCode::PERMISSION_DENIED);
    v1::ListAssignmentsRequest list;
    list.set_unit_id("530102-education");
    v1::ListAssignmentsResponse listed;
    CHECK(f.routing()
              .ListAssignments(RoutingFixture::As(f.UnitToken("530102-civil-affairs")).get(), list,
                               &listed)
              .error_code() == grpc::StatusCode::PERMISSION_DENIED);
    CHECK(Sign(f, "530102-education", 987654321).error_code() == grpc::StatusCode::NOT_FOUND);
  }

  SECTION("the lead replies only after the co-handler") {
    v1::SignForResponse signed_response;
    REQUIRE(Sign(f, "530102-education", lead, &signed_response).ok());
    CHECK(signed_response.ticket_state() == common::TICKET_STATE_IN_PROGRESS);
    CHECK(signed_response.assignment().state() == common::ASSIGNMENT_STATE_SIGNED);
    CHECK(Sign(f, "530102-education", lead).error_code() == grpc::StatusCode::FAILED_PRECONDITION);
    CHECK(Return(f, "530102-education", lead, "不归我们管").error_code() ==
          grpc::StatusCode::FAILED_PRECONDITION);  // signed: too late to return

    grpc::Status early = Reply(f, "530102-education", lead, "已处理");
    CHECK(early.error_code() == grpc::StatusCode::FAILED_PRECONDITION);
    CHECK(early.error_message().find("530102-civil-affairs") != std::string::npos);

    REQUIRE(Sign(f, "530102-civil-affairs", co).ok());
    CHECK(f.StateOf(number) == "IN_PROGRESS");  // a co-handler signing moves nothing
    REQUIRE(Reply(f, "530102-civil-affairs", co, "民政部门意见：配合学校退费").ok());
    v1::SubmitReplyResponse replied;
    REQUIRE(Reply(f, "530102-education", lead, "已责令学校退还违规收费", &replied).ok());
    CHECK(replied.ticket_state() == common::TICKET_STATE_REPLIED);
    CHECK(f.LatestRound(number) ==
          Units{"530102-education:LEAD:REPLIED", "530102-civil-affairs:CO_HANDLER:REPLIED"});
    // The lead's reply carries the co-handler's opinion for supervision to review.
    CHECK(f.Count("SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id "
                  "WHERE t.number = '" +
                  number + "' AND e.type = 'routing.replied'") == 1);
  }

  SECTION("bad requests name the field") {
    grpc::Status status = Reply(f, "530102-education", lead, "");
    CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
    CHECK(status.error_message().find("content") != std::string::npos);
    status = Return(f, "530102-education", lead, "");
    CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
    CHECK(status.error_message().find("reason") != std::string::npos);
    CHECK(f.StateOf(number) == "DISPATCHED");
  }
}

TEST_CASE("a unit reads the matter behind its assignment and every read is audited", "[routing]") {
  RoutingFixture f;
  const std::string open = f.Submit("education/fees", "530102");
  const std::string confidential = f.Submit("education/fees", "530102", false, true);
  f.WaitForState(open, "DISPATCHED");
  f.WaitForState(confidential, "DISPATCHED");
  auto read = [&](const std::string& unit, int64_t id, v1::GetAssignedTicketResponse* out) {
    v1::GetAssignedTicketRequest r;
    r.set_assignment_id(id);
    return f.routing().GetAssignedTicket(RoutingFixture::As(f.UnitToken(unit)).get(), r, out);
  };
  v1::GetAssignedTicketResponse got;
  REQUIRE(read("530102-education", f.AssignmentOf(open, "530102-education").id(), &got).ok());
  CHECK(got.ticket().number() == open);
  CHECK(got.ticket().content().find("反映的问题") == 0);
  CHECK(got.ticket().caller().name() == "李明");
  CHECK_FALSE(got.caller_withheld());
  CHECK(got.ticket().idempotency_key().empty());

  REQUIRE(
      read("530102-civil-affairs", f.AssignmentOf(confidential, "530102-civil-affairs").id(), &got)
          .ok());
  CHECK(got.caller_withheld());
  CHECK(got.ticket().caller().name().empty());
  CHECK(got.ticket().caller().phone().empty());
  CHECK_FALSE(got.ticket().content().empty());

  CHECK(
      read("530103-education", f.AssignmentOf(open, "530102-education").id(), &got).error_code() ==
      grpc::StatusCode::NOT_FOUND);  // another unit's assignment answers as absent
  CHECK(f.Count("SELECT count(*) FROM routing_audit_reads") == 2);
  CHECK(f.Count("SELECT count(*) FROM routing_audit_reads WHERE caller_withheld") == 1);
}

TEST_CASE("an upheld return comes to the office with the objection and is dispatched by hand",
          "[routing]") {
  RoutingFixture f;
  const std::string number = f.Submit("education/enrolment", "530102");
  f.WaitForState(number, "DISPATCHED");
  const int64_t lead = f.AssignmentOf(number, "530102-education").id();
  v1::ReturnAssignmentResponse returned;
  REQUIRE(Return(f, "530102-education", lead, "学校属盘龙区管辖", &returned).ok());
  CHECK(returned.objection().state() == v1::OBJECTION_STATE_PENDING);
  v1::DecideObjectionResponse upheld;
  REQUIRE(Decide(f, returned.objection().id(), v1::OBJECTION_DECISION_UPHOLD, &upheld).ok());
  // No other rule leads without the returning unit: the office dispatches by hand.
  CHECK(upheld.ticket_state() == common::TICKET_STATE_PENDING_DISPATCH);
  CHECK(upheld.decision().outcome() == v1::DECISION_OUTCOME_MANUAL_QUEUE);
  CHECK(upheld.decision().reason_code() == "routing.no_unit");
  CHECK(f.LatestRound(number) ==
        Units{"530102-education:LEAD:RETURNED", "530102-civil-affairs:CO_HANDLER:CANCELLED"});

  v1::ListManualQueueResponse queue;
  REQUIRE(f.routing().ListManualQueue(RoutingFixture::As(f.supervisor).get(), {}, &queue).ok());
  REQUIRE(queue.entries_size() == 1);
  CHECK(queue.entries(0).objection() == "学校属盘龙区管辖");
  CHECK(queue.entries(0).objecting_unit_id() == "530102-education");

  v1::DispatchManuallyRequest manual;
  manual.set_ticket_number(number);
  manual.set_lead_unit_id("530103-education");
  manual.add_co_handler_unit_ids("no-such-unit");
  v1::DispatchManuallyResponse dispatched;
  grpc::Status bad =
      f.routing().DispatchManually(RoutingFixture::As(f.supervisor).get(), manual, &dispatched);
  CHECK(bad.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(bad.error_message().find("co_handler_unit_ids[0]") != std::string::npos);
  CHECK(f.StateOf(number) == "PENDING_DISPATCH");
  CHECK(f.routing()
            .DispatchManually(RoutingFixture::As(f.UnitToken("530103-education")).get(), manual,
                              &dispatched)
            .error_code() == grpc::StatusCode::PERMISSION_DENIED);

  manual.clear_co_handler_unit_ids();
  manual.add_co_handler_unit_ids("530103-civil-affairs");
  manual.set_note("研判：学校在盘龙区");
  REQUIRE(f.routing()
              .DispatchManually(RoutingFixture::As(f.supervisor).get(), manual, &dispatched)
              .ok());
  CHECK(dispatched.ticket_state() == common::TICKET_STATE_DISPATCHED);
  CHECK(f.StateOf(number) == "DISPATCHED");
  CHECK(f.LatestRound(number) ==
        Units{"530103-education:LEAD:DISPATCHED", "530103-civil-affairs:CO_HANDLER:DISPATCHED"});
  CHECK(f.Count("SELECT count(*) FROM routing_manual_queue") == 0);
  CHECK(f.AssignmentOf(number, "530103-education").round() == 2);
  // Dispatching again is an illegal transition.
  CHECK(f.routing()
            .DispatchManually(RoutingFixture::As(f.supervisor).get(), manual, &dispatched)
            .error_code() == grpc::StatusCode::FAILED_PRECONDITION);

  v1::ExplainRoutingRequest explain;
  explain.set_ticket_number(number);
  v1::ExplainRoutingResponse explained;
  REQUIRE(
      f.routing().ExplainRouting(RoutingFixture::As(f.supervisor).get(), explain, &explained).ok());
  REQUIRE(explained.decisions_size() == 3);
  CHECK(explained.decisions(1).trigger() == "returned");
  CHECK(explained.decisions(2).reason_code() == "routing.manual");
}

TEST_CASE("an upheld return is re-routed when another rule can lead", "[routing]") {
  RoutingFixture f;
  // A less specific rule naming civil affairs: once education returns, it leads.
  v1::UpsertCatalogueRuleRequest upsert;
  upsert.mutable_rule()->set_category_prefix("");
  upsert.mutable_rule()->set_tier(common::TIER_COUNTY);
  upsert.mutable_rule()->add_departments("civil-affairs");
  upsert.mutable_rule()->set_priority(500);
  v1::UpsertCatalogueRuleResponse upserted;
  REQUIRE(
      f.routing().UpsertCatalogueRule(RoutingFixture::As(f.admin).get(), upsert, &upserted).ok());

  const std::string number = f.Submit("education/enrolment", "530102");
  f.WaitForState(number, "DISPATCHED");
  v1::ReturnAssignmentResponse returned;
  REQUIRE(Return(f, "530102-education", f.AssignmentOf(number, "530102-education").id(),
                 "应由民政部门牵头", &returned)
              .ok());
  v1::DecideObjectionResponse upheld;
  REQUIRE(Decide(f, returned.objection().id(), v1::OBJECTION_DECISION_UPHOLD, &upheld).ok());
  CHECK(upheld.ticket_state() == common::TICKET_STATE_DISPATCHED);
  CHECK(upheld.decision().trigger() == "returned");
  CHECK(f.LatestRound(number) == Units{"530102-civil-affairs:LEAD:DISPATCHED"});
}

TEST_CASE("the office reassigns a dispatched ticket", "[routing]") {
  RoutingFixture f;
  const std::string number = f.Submit("education/enrolment", "530102");
  f.WaitForState(number, "DISPATCHED");
  REQUIRE(Sign(f, "530102-education", f.AssignmentOf(number, "530102-education").id()).ok());

  v1::ReassignRequest r;
  r.set_ticket_number(number);
  r.set_lead_unit_id("530103-education");
  v1::ReassignResponse response;
  grpc::Status no_reason =
      f.routing().Reassign(RoutingFixture::As(f.supervisor).get(), r, &response);
  CHECK(no_reason.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  r.set_reason("属地有误");
  CHECK(f.routing()
            .Reassign(RoutingFixture::As(f.supervisor_qujing).get(), r, &response)
            .error_code() == grpc::StatusCode::NOT_FOUND);  // out of reach answers as absent
  REQUIRE(f.routing().Reassign(RoutingFixture::As(f.supervisor).get(), r, &response).ok());
  CHECK(response.ticket_state() == common::TICKET_STATE_DISPATCHED);
  CHECK(f.StateOf(number) == "DISPATCHED");
  CHECK(f.LatestRound(number) == Units{"530103-education:LEAD:DISPATCHED"});
  CHECK(f.Count("SELECT count(*) FROM routing_assignments WHERE ticket_number = '" + number +
                "' AND state = 5") == 2);  // the old lead and co-handler were withdrawn
}

}  // namespace
}  // namespace hotline::routing::testing
