// Reading deadlines: a ticket's clocks, intake's view of them, the office's overdue and due-soon
// lists; who may read and set what.
#include <grpcpp/create_channel.h>

#include <catch2/catch.hpp>

#include "hotline/intake/v1/intake.grpc.pb.h"
#include "tests/e2e/supervision/supervision_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::supervision::testing {
namespace {

namespace v1 = hotline::supervision::v1;
using ::hotline::testing::PollUntil;
using Strings = std::vector<std::string>;

const std::string kLead = "530102-education";
const std::string kCo = "530102-civil-affairs";
const absl::Time kSubmitted = Cst(2026, 12, 5, 10);  // a Saturday

TEST_CASE("a ticket's deadlines from supervision and from intake", "[supervision]") {
  SupervisionFixture f;
  f.SetClock(kSubmitted);
  const std::string number = f.Submit("education/fees", "530102");
  f.WaitForClocks(number, 4);

  const v1::GetDeadlinesResponse deadlines = f.Deadlines(number);
  REQUIRE(deadlines.clocks_size() == 4);
  for (const v1::Clock& c : deadlines.clocks()) {
    CHECK(c.ticket_number() == number);
    CHECK(c.region_code() == "530102");
    CHECK(c.calendar() == "standard");
    CHECK(c.state() == v1::CLOCK_STATE_RUNNING);
    CHECK(c.policy_id() > 0);
  }
  // 4 working hours from Monday 09:00 with the lunch break; 5 and 15 working days.
  CHECK(Show(FromProto(f.ClockOf(number, v1::CLOCK_KIND_SIGN_FOR, kLead).due_at())) ==
        Show(Cst(2026, 12, 7, 14, 30)));
  CHECK(Show(FromProto(f.ClockOf(number, v1::CLOCK_KIND_SIGN_FOR, kCo).due_at())) ==
        Show(Cst(2026, 12, 7, 14, 30)));
  CHECK(absl::AbsDuration(FromProto(f.ClockOf(number, v1::CLOCK_KIND_SIGN_FOR, kLead).warn_at()) -
                          Cst(2026, 12, 7, 13, 42)) <= absl::Seconds(1));
  CHECK(Show(FromProto(f.ClockOf(number, v1::CLOCK_KIND_CO_REPLY, kCo).due_at())) ==
        Show(Cst(2026, 12, 11, 17, 30)));
  CHECK(Show(FromProto(f.ClockOf(number, v1::CLOCK_KIND_HANDLING).due_at())) ==
        Show(Cst(2026, 12, 25, 17, 30)));

  // Intake's GetTicket shows the open deadlines.
  auto intake_deadlines = [&] {
    hotline::intake::v1::GetTicketRequest r;
    r.set_ticket_number(number);
    hotline::intake::v1::GetTicketResponse response;
    grpc::Status status = f.desk().intake().GetTicket(f.As(f.frontend).get(), r, &response);
    INFO(status.error_message());
    REQUIRE(status.ok());
    Strings out;
    for (const auto& d : response.deadlines()) {
      out.push_back(d.clock() + "@" + Show(FromProto(d.due_at())));
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  CHECK(intake_deadlines() ==
        Strings{"co_reply@2026-12-11 17:30:00.000 CST", "handling@2026-12-25 17:30:00.000 CST",
                "sign_for@2026-12-07 14:30:00.000 CST", "sign_for@2026-12-07 14:30:00.000 CST"});
  REQUIRE(f.Sign(number, kLead).ok());
  const Strings signed_for = {"co_reply@2026-12-11 17:30:00.000 CST",
                              "handling@2026-12-25 17:30:00.000 CST",
                              "sign_for@2026-12-07 14:30:00.000 CST"};
  CHECK(PollUntil(
      absl::Seconds(20), [&] { return intake_deadlines() == signed_for; }, absl::Milliseconds(50)));

  // Who reads: the ticket's units, the office and the front-end of the place.
  v1::GetDeadlinesRequest r;
  r.set_ticket_number(number);
  v1::GetDeadlinesResponse response;
  CHECK(f.supervision().GetDeadlines(f.As(f.UnitToken(kCo)).get(), r, &response).ok());
  CHECK(f.supervision().GetDeadlines(f.As(f.frontend).get(), r, &response).ok());
  CHECK(f.supervision()
            .GetDeadlines(f.As(f.UnitToken("530103-education")).get(), r, &response)
            .error_code() == grpc::StatusCode::NOT_FOUND);  // out of reach answers as absent
  CHECK(f.supervision().GetDeadlines(f.As(f.supervisor_qujing).get(), r, &response).error_code() ==
        grpc::StatusCode::NOT_FOUND);
  r.set_ticket_number("5301-20261205-999999");
  CHECK(f.supervision().GetDeadlines(f.As(f.supervisor).get(), r, &response).error_code() ==
        grpc::StatusCode::NOT_FOUND);
  r.clear_ticket_number();
  grpc::Status status = f.supervision().GetDeadlines(f.As(f.supervisor).get(), r, &response);
  CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(ViolatedFields(status) == Strings{"ticket_number"});

  // The clock is the operators'.
  v1::SetClockRequest set;
  *set.mutable_now() = Proto(kSubmitted);
  v1::SetClockResponse set_response;
  CHECK(f.testing().SetClock(f.As(f.supervisor).get(), set, &set_response).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
}

TEST_CASE("SetClock exists only in a supervision started with --controllable_clock",
          "[supervision]") {
  SupervisionFixture f;
  std::unique_ptr<::hotline::testing::ServiceProcess> production =
      f.StartWithoutControllableClock();
  auto testing = v1::SupervisionTesting::NewStub(
      grpc::CreateChannel(production->address(), grpc::InsecureChannelCredentials()));
  v1::SetClockRequest set;
  *set.mutable_now() = Proto(Cst(2026, 12, 7, 10));
  v1::SetClockResponse set_response;
  const grpc::Status status = testing->SetClock(f.As(f.admin).get(), set, &set_response);
  INFO(status.error_message());
  CHECK(status.error_code() == grpc::StatusCode::UNIMPLEMENTED);

  // The replica started for tests serves it.
  CHECK(f.testing().SetClock(f.As(f.admin).get(), set, &set_response).ok());
}

// All pages of a list, as ticket numbers.
template <typename Request, typename Call>
Strings AllPages(Request request, Call call, int* pages = nullptr) {
  Strings out;
  int n = 0;
  do {
    v1::ListClocksResponse response;
    grpc::Status status = call(request, &response);
    INFO(status.error_message());
    REQUIRE(status.ok());
    for (const v1::Clock& c : response.clocks()) out.push_back(c.ticket_number());
    request.set_page_token(response.next_page_token());
    ++n;
    REQUIRE(n < 100);
  } while (!request.page_token().empty());
  if (pages != nullptr) *pages = n;
  return out;
}

TEST_CASE("the office lists what is overdue and due soon in its region", "[supervision]") {
  SupervisionFixture f;
  // Handling due: Fri 25, Mon 28 and Tue 29 December 17:30.
  // Each clock starts when supervision handles the dispatch: wait for it before moving on.
  f.SetClock(kSubmitted);
  const std::string first = f.Submit("education/fees", "530102");
  f.WaitForClocks(first, 4);
  f.SetClock(Cst(2026, 12, 7, 10));
  const std::string second = f.Submit("education/fees", "530102");
  f.WaitForClocks(second, 4);
  f.SetClock(Cst(2026, 12, 8, 10));
  const std::string third = f.Submit("education/fees", "530103");
  f.WaitForClocks(third, 4);
  CHECK(Show(FromProto(f.ClockOf(third, v1::CLOCK_KIND_HANDLING).due_at())) ==
        Show(Cst(2026, 12, 29, 17, 30)));

  auto overdue = [&](const std::string& token) {
    return [&f, token](const v1::ListOverdueRequest& r, v1::ListClocksResponse* out) {
      return f.supervision().ListOverdue(f.As(token).get(), r, out);
    };
  };
  auto due_soon = [&](const std::string& token) {
    return [&f, token](const v1::ListDueSoonRequest& r, v1::ListClocksResponse* out) {
      return f.supervision().ListDueSoon(f.As(token).get(), r, out);
    };
  };
  v1::ListOverdueRequest handling_overdue;
  handling_overdue.set_kind(v1::CLOCK_KIND_HANDLING);
  v1::ListDueSoonRequest handling_soon;
  handling_soon.set_kind(v1::CLOCK_KIND_HANDLING);

  f.SetClock(Cst(2026, 12, 24, 10));
  handling_soon.mutable_within()->set_seconds(48 * 3600);
  CHECK(AllPages(handling_soon, due_soon(f.supervisor)) == Strings{first});
  handling_soon.mutable_within()->set_seconds(5 * 24 * 3600);
  handling_soon.set_page_size(1);
  int pages = 0;
  CHECK(AllPages(handling_soon, due_soon(f.supervisor), &pages) == Strings{first, second});
  CHECK(pages == 2);
  CHECK(AllPages(handling_soon, due_soon(f.supervisor_qujing)).empty());
  CHECK(AllPages(handling_overdue, overdue(f.supervisor)).empty());

  f.SetClock(Cst(2027, 1, 4, 10));
  handling_overdue.set_page_size(2);
  v1::ListClocksResponse page;
  REQUIRE(overdue(f.supervisor)(handling_overdue, &page).ok());
  REQUIRE(page.clocks_size() == 2);
  CHECK(page.clocks(0).ticket_number() == first);  // the latest first
  CHECK(page.clocks(1).ticket_number() == second);
  CHECK(page.clocks(0).lateness().seconds() > page.clocks(1).lateness().seconds());
  CHECK(page.clocks(0).kind() == v1::CLOCK_KIND_HANDLING);
  CHECK_FALSE(page.next_page_token().empty());
  CHECK(AllPages(handling_overdue, overdue(f.supervisor), &pages) == Strings{first, second, third});
  CHECK(pages == 2);
  CHECK(AllPages(handling_overdue, overdue(f.supervisor_qujing)).empty());
  CHECK(AllPages(handling_overdue, overdue(f.admin)).size() == 3);

  // Every kind: 4 clocks a ticket, in due order across pages.
  v1::ListOverdueRequest all;
  all.set_page_size(5);
  v1::ListClocksResponse response;
  std::vector<absl::Time> dues;
  do {
    REQUIRE(overdue(f.supervisor)(all, &response).ok());
    for (const v1::Clock& c : response.clocks()) dues.push_back(FromProto(c.due_at()));
    all.set_page_token(response.next_page_token());
  } while (!all.page_token().empty());
  CHECK(dues.size() == 12);
  CHECK(std::is_sorted(dues.begin(), dues.end()));

  // Only the office and operators list; bad paging names the field.
  CHECK(overdue(f.UnitToken(kLead))(handling_overdue, &response).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
  CHECK(overdue(f.frontend)(handling_overdue, &response).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
  v1::ListOverdueRequest bad;
  bad.set_page_size(501);
  bad.set_page_token("not-a-token");
  grpc::Status status = overdue(f.supervisor)(bad, &response);
  CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(ViolatedFields(status) == Strings{"page_size", "page_token"});
  v1::ListDueSoonRequest bad_window;
  bad_window.mutable_within()->set_seconds(0);
  status = due_soon(f.supervisor)(bad_window, &response);
  CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(ViolatedFields(status) == Strings{"within"});
}

TEST_CASE("requests without their required fields name them", "[supervision]") {
  SupervisionFixture f;
  v1::SuspendRequest suspend;
  v1::SuspendResponse suspended;
  grpc::Status status = f.supervision().Suspend(f.As(f.supervisor).get(), suspend, &suspended);
  CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(ViolatedFields(status) == Strings{"ticket_number", "reason"});

  v1::DecideSuspensionRequest decide;
  v1::DecideSuspensionResponse decided;
  status = f.supervision().DecideSuspension(f.As(f.supervisor).get(), decide, &decided);
  CHECK(ViolatedFields(status) == Strings{"request_id"});

  v1::DecideExtensionRequest extension;
  v1::DecideExtensionResponse extended;
  status = f.supervision().DecideExtension(f.As(f.supervisor).get(), extension, &extended);
  CHECK(ViolatedFields(status) == Strings{"request_id"});

  v1::ResumeRequest resume;
  v1::ResumeResponse resumed;
  status = f.supervision().Resume(f.As(f.supervisor).get(), resume, &resumed);
  CHECK(ViolatedFields(status) == Strings{"ticket_number"});

  v1::UrgeRequest urge;
  v1::UrgeResponse urged;
  status = f.supervision().Urge(f.As(f.supervisor).get(), urge, &urged);
  CHECK(ViolatedFields(status) == Strings{"ticket_number"});

  v1::RecordFollowUpRequest follow_up;
  v1::RecordFollowUpResponse followed;
  status = f.supervision().RecordFollowUp(f.As(f.supervisor).get(), follow_up, &followed);
  CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(ViolatedFields(status) == Strings{"ticket_number", "contact"});
}

}  // namespace
}  // namespace hotline::supervision::testing
