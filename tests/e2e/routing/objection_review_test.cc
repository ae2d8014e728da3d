// The hotline office's objection review (派单异议审核) over gRPC, on real intake and routing
// processes: a return within its window waits as an objection; the office upholds it (routed
// again) or rejects it (the unit handles it); a late return is refused; after three failed
// dispatches the office designates the unit; the office's queue of objections pages and counts.
#include <catch2/catch.hpp>

#include "tests/e2e/routing/routing_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::routing::testing {
namespace {

namespace v1 = hotline::routing::v1;
namespace common = hotline::common::v1;
using Units = std::vector<std::string>;

// The lead `unit` of the ticket's latest round returns it; the response.
v1::ReturnAssignmentResponse Object(RoutingFixture& f, const std::string& number,
                                    const std::string& unit) {
  v1::ReturnAssignmentRequest r;
  r.set_assignment_id(f.AssignmentOf(number, unit).id());
  r.set_reason("不属于本单位职责");
  v1::ReturnAssignmentResponse response;
  const grpc::Status status =
      f.routing().ReturnAssignment(RoutingFixture::As(f.UnitToken(unit)).get(), r, &response);
  INFO(status.error_message());
  REQUIRE(status.ok());
  REQUIRE(response.objection().state() == v1::OBJECTION_STATE_PENDING);
  return response;
}

grpc::Status Decide(RoutingFixture& f, int64_t objection_id, v1::ObjectionDecision decision,
                    v1::DecideObjectionResponse* out, const std::string& reason = "经核实") {
  v1::DecideObjectionRequest r;
  r.set_objection_id(objection_id);
  r.set_decision(decision);
  r.set_reason(reason);
  return f.routing().DecideObjection(RoutingFixture::As(f.supervisor).get(), r, out);
}

v1::ListObjectionsResponse List(RoutingFixture& f, v1::ListObjectionsRequest r,
                                const std::string& token) {
  v1::ListObjectionsResponse response;
  const grpc::Status status =
      f.routing().ListObjections(RoutingFixture::As(token).get(), r, &response);
  INFO(status.error_message());
  REQUIRE(status.ok());
  return response;
}

int64_t EventsOf(RoutingFixture& f, const std::string& number, const std::string& type) {
  return f.Count(
      "SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.number = "
      "'" +
      number + "' AND e.type = '" + type + "'");
}

grpc::Status Designate(RoutingFixture& f, const std::string& number, const std::string& unit,
                       v1::DesignateUnitResponse* out) {
  v1::DesignateUnitRequest r;
  r.set_ticket_number(number);
  r.set_unit_id(unit);
  r.set_reason("多次退回，指定办理");
  return f.routing().DesignateUnit(RoutingFixture::As(f.supervisor).get(), r, out);
}

TEST_CASE("a return within the window waits for the office, which upholds it: routed again",
          "[objections]") {
  RoutingFixture f;
  // A less specific rule naming civil affairs: once education's objection holds, it leads.
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

  const v1::ReturnAssignmentResponse returned = Object(f, number, "530102-education");
  CHECK(returned.ticket_state() == common::TICKET_STATE_DISPATCHED);
  CHECK_FALSE(returned.has_decision());
  CHECK(returned.objection().window_ends_at().seconds() >
        returned.objection().raised_at().seconds());
  // Nothing moves while the office decides.
  CHECK(f.LatestRound(number) ==
        Units{"530102-education:LEAD:DISPATCHED", "530102-civil-affairs:CO_HANDLER:DISPATCHED"});
  const v1::ListObjectionsResponse queue = List(f, {}, f.supervisor);
  CHECK(queue.total() == 1);
  REQUIRE(queue.objections_size() == 1);
  CHECK(queue.objections(0).ticket_number() == number);
  CHECK(queue.objections(0).reason() == "不属于本单位职责");

  v1::DecideObjectionResponse upheld;
  REQUIRE(Decide(f, returned.objection().id(), v1::OBJECTION_DECISION_UPHOLD, &upheld).ok());
  CHECK(upheld.objection().state() == v1::OBJECTION_STATE_UPHELD);
  CHECK(upheld.objection().failed_dispatches() == 1);
  CHECK(upheld.ticket_state() == common::TICKET_STATE_DISPATCHED);
  CHECK(upheld.decision().trigger() == "returned");
  CHECK(f.LatestRound(number) == Units{"530102-civil-affairs:LEAD:DISPATCHED"});
  CHECK(f.Text("SELECT state FROM routing_assignments WHERE id = " +
               std::to_string(returned.assignment().id())) == "4");  // RETURNED
  CHECK(List(f, {}, f.supervisor).total() == 0);
  // Both steps are on the ticket's timeline; the texts are sealed, never in the event.
  CHECK(EventsOf(f, number, "routing.objection_raised") == 1);
  CHECK(EventsOf(f, number, "routing.objection_decided") == 1);
  CHECK(f.Count("SELECT count(*) FROM routing_objections WHERE reason <> '' "
                "OR decision_reason <> '' OR reason_sealed IS NULL") == 0);
}

TEST_CASE("a rejected objection leaves the unit to handle the ticket", "[objections]") {
  RoutingFixture f;
  const std::string number = f.Submit("education/fees", "530102");
  f.WaitForState(number, "DISPATCHED");
  const v1::ReturnAssignmentResponse returned = Object(f, number, "530102-education");

  v1::DecideObjectionResponse decided;
  CHECK(Decide(f, returned.objection().id(), v1::OBJECTION_DECISION_REJECT, &decided, "")
            .error_code() == grpc::StatusCode::INVALID_ARGUMENT);  // a reason is required
  REQUIRE(Decide(f, returned.objection().id(), v1::OBJECTION_DECISION_REJECT, &decided).ok());
  CHECK(decided.objection().state() == v1::OBJECTION_STATE_REJECTED);
  CHECK(decided.ticket_state() == common::TICKET_STATE_DISPATCHED);
  CHECK(f.LatestRound(number) ==
        Units{"530102-education:LEAD:DISPATCHED", "530102-civil-affairs:CO_HANDLER:DISPATCHED"});

  v1::ReturnAssignmentRequest again;
  again.set_assignment_id(returned.assignment().id());
  again.set_reason("仍不属于本单位");
  v1::ReturnAssignmentResponse refused;
  const grpc::Status second = f.routing().ReturnAssignment(
      RoutingFixture::As(f.UnitToken("530102-education")).get(), again, &refused);
  CHECK(second.error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  CHECK(second.error_message().find("must handle") != std::string::npos);
  v1::SignForRequest sign;
  sign.set_assignment_id(returned.assignment().id());
  v1::SignForResponse signed_for;
  REQUIRE(f.routing()
              .SignFor(RoutingFixture::As(f.UnitToken("530102-education")).get(), sign, &signed_for)
              .ok());
  CHECK(signed_for.ticket_state() == common::TICKET_STATE_IN_PROGRESS);
  CHECK(
      Decide(f, returned.objection().id(), v1::OBJECTION_DECISION_UPHOLD, &decided).error_code() ==
      grpc::StatusCode::FAILED_PRECONDITION);  // decided once
}

TEST_CASE("a return after its window is refused, naming the window", "[objections]") {
  RoutingFixture f;
  const std::string number = f.Submit("education/fees", "530102");
  f.WaitForState(number, "DISPATCHED");
  // Dispatched three weeks ago: far past one working day.
  REQUIRE(f.Count("WITH u AS (UPDATE routing_assignments SET dispatched_at = now() - interval "
                  "'21 days' WHERE ticket_number = '" +
                  number + "' RETURNING 1) SELECT count(*) FROM u") == 2);
  v1::ReturnAssignmentRequest r;
  r.set_assignment_id(f.AssignmentOf(number, "530102-education").id());
  r.set_reason("不属于本单位职责");
  v1::ReturnAssignmentResponse response;
  const grpc::Status late = f.routing().ReturnAssignment(
      RoutingFixture::As(f.UnitToken("530102-education")).get(), r, &response);
  CHECK(late.error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  CHECK(late.error_message().find("return window (1 working day(s) after dispatch)") !=
        std::string::npos);
  CHECK(f.Count("SELECT count(*) FROM routing_objections") == 0);
  CHECK(f.StateOf(number) == "DISPATCHED");
}

TEST_CASE("after three failed dispatches the office designates the unit, which cannot return it",
          "[objections]") {
  RoutingFixture f;
  const std::string number = f.Submit("education/enrolment", "530102");
  f.WaitForState(number, "DISPATCHED");
  v1::DecideObjectionResponse decided;
  auto dispatch_by_hand = [&](const std::string& unit) {
    v1::DispatchManuallyRequest manual;
    manual.set_ticket_number(number);
    manual.set_lead_unit_id(unit);
    v1::DispatchManuallyResponse dispatched;
    REQUIRE(f.routing()
                .DispatchManually(RoutingFixture::As(f.supervisor).get(), manual, &dispatched)
                .ok());
  };
  // 1 and 2: no other rule leads, the office dispatches by hand each time.
  REQUIRE(Decide(f, Object(f, number, "530102-education").objection().id(),
                 v1::OBJECTION_DECISION_UPHOLD, &decided)
              .ok());
  CHECK(decided.ticket_state() == common::TICKET_STATE_PENDING_DISPATCH);
  v1::DesignateUnitResponse designated;
  const grpc::Status early = Designate(f, number, "530103-education", &designated);
  CHECK(early.error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  CHECK(early.error_message().find("1 failed dispatch(es)") != std::string::npos);
  dispatch_by_hand("530103-education");
  REQUIRE(Decide(f, Object(f, number, "530103-education").objection().id(),
                 v1::OBJECTION_DECISION_UPHOLD, &decided)
              .ok());
  dispatch_by_hand("5301-civil-affairs");
  // 3: the office designates rather than routing again.
  REQUIRE(Decide(f, Object(f, number, "5301-civil-affairs").objection().id(),
                 v1::OBJECTION_DECISION_UPHOLD, &decided)
              .ok());
  CHECK(decided.objection().failed_dispatches() == 3);
  CHECK(decided.decision().reason_code() == "routing.designation_due");
  CHECK(f.StateOf(number) == "PENDING_DISPATCH");
  v1::ListManualQueueResponse queue;
  REQUIRE(f.routing().ListManualQueue(RoutingFixture::As(f.supervisor).get(), {}, &queue).ok());
  REQUIRE(queue.entries_size() == 1);
  CHECK(queue.entries(0).reason_code() == "routing.designation_due");

  CHECK(Designate(f, number, "no-such-unit", &designated).error_code() ==
        grpc::StatusCode::INVALID_ARGUMENT);
  REQUIRE(Designate(f, number, "530102-education", &designated).ok());
  CHECK(designated.ticket_state() == common::TICKET_STATE_DISPATCHED);
  CHECK(f.LatestRound(number) == Units{"530102-education:LEAD:DISPATCHED"});
  CHECK(EventsOf(f, number, "routing.unit_designated") == 1);
  CHECK(EventsOf(f, number, "routing.objection_decided") == 3);

  v1::ReturnAssignmentRequest r;
  r.set_assignment_id(designated.assignments(0).id());
  r.set_reason("不属于本单位职责");
  v1::ReturnAssignmentResponse response;
  const grpc::Status refused = f.routing().ReturnAssignment(
      RoutingFixture::As(f.UnitToken("530102-education")).get(), r, &response);
  CHECK(refused.error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  CHECK(refused.error_message().find("designated") != std::string::npos);
}

TEST_CASE("the office's queue of objections pages, filters and counts within its jurisdiction",
          "[objections]") {
  RoutingFixture f;
  std::vector<std::string> numbers;
  for (const char* category : {"education/fees", "education/enrolment", "public-utilities/water"}) {
    numbers.push_back(f.Submit(category, "530102"));
  }
  for (const std::string& n : numbers) f.WaitForState(n, "DISPATCHED");
  Object(f, numbers[0], "530102-education");
  Object(f, numbers[1], "530102-education");
  Object(f, numbers[2], "5301-water-supply");

  v1::ListObjectionsRequest page;
  page.set_page_size(2);
  const v1::ListObjectionsResponse first = List(f, page, f.supervisor);
  CHECK(first.total() == 3);
  REQUIRE(first.objections_size() == 2);
  CHECK(first.objections(0).ticket_number() == numbers[0]);  // oldest first
  CHECK(first.objections(1).ticket_number() == numbers[1]);
  REQUIRE_FALSE(first.next_page_token().empty());
  page.set_page_token(first.next_page_token());
  const v1::ListObjectionsResponse second = List(f, page, f.supervisor);
  REQUIRE(second.objections_size() == 1);
  CHECK(second.objections(0).ticket_number() == numbers[2]);
  CHECK(second.next_page_token().empty());

  v1::ListObjectionsRequest education;
  education.set_category_prefix("education");
  CHECK(List(f, education, f.supervisor).total() == 2);
  v1::ListObjectionsRequest county;
  county.set_region_prefix("530103");
  CHECK(List(f, county, f.supervisor).total() == 0);
  v1::ListObjectionsRequest urgent;
  urgent.set_urgency(common::URGENCY_EXTRA_URGENT);
  CHECK(List(f, urgent, f.supervisor).total() == 0);
  v1::ListObjectionsRequest old;
  old.mutable_min_age()->set_seconds(3600);
  CHECK(List(f, old, f.supervisor).total() == 0);
  CHECK(List(f, {}, f.supervisor_qujing).total() == 0);  // another prefecture's office

  v1::ListObjectionsResponse refused;
  const grpc::Status bad =
      f.routing().ListObjections(RoutingFixture::As(f.supervisor_qujing).get(), county, &refused);
  CHECK(bad.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(bad.error_message().find("region_prefix") != std::string::npos);
  CHECK(f.routing()
            .ListObjections(RoutingFixture::As(f.UnitToken("530102-education")).get(), {}, &refused)
            .error_code() == grpc::StatusCode::PERMISSION_DENIED);
}

TEST_CASE("the return window is data the instance's office sets", "[objections]") {
  RoutingFixture f;
  v1::SetObjectionWindowRequest set;
  set.mutable_window()->set_category_prefix("education");
  set.mutable_window()->set_working_days(2);
  set.mutable_window()->set_calendar("standard");
  v1::SetObjectionWindowResponse response;
  const std::string county_office =
      f.Token("supervisor", "530102", ::hotline::testing::UniqueName("office-county"));
  CHECK(f.routing()
            .SetObjectionWindow(RoutingFixture::As(county_office).get(), set, &response)
            .error_code() == grpc::StatusCode::PERMISSION_DENIED);
  REQUIRE(
      f.routing().SetObjectionWindow(RoutingFixture::As(f.supervisor).get(), set, &response).ok());
  set.mutable_window()->set_calendar("lunar");
  const grpc::Status unknown =
      f.routing().SetObjectionWindow(RoutingFixture::As(f.supervisor).get(), set, &response);
  CHECK(unknown.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(unknown.error_message().find("window.calendar") != std::string::npos);

  v1::ListObjectionWindowsResponse windows;
  REQUIRE(f.routing()
              .ListObjectionWindows(RoutingFixture::As(f.UnitToken("530102-education")).get(), {},
                                    &windows)
              .ok());
  bool found = false;
  for (const v1::ObjectionWindow& w : windows.windows()) {
    if (w.category_prefix() == "education") found = w.working_days() == 2;
  }
  CHECK(found);
}

}  // namespace
}  // namespace hotline::routing::testing
