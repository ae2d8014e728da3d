// The hotline office's steps: review of the lead's reply (审核) and the follow-up (回访、评价).
#include <catch2/catch.hpp>

#include "tests/e2e/supervision/supervision_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::supervision::testing {
namespace {

namespace v1 = hotline::supervision::v1;
namespace common = hotline::common::v1;
using ::hotline::testing::PollUntil;
using Units = std::vector<std::string>;

const std::string kLead = "530102-education";
const std::string kCo = "530102-civil-affairs";
const absl::Time kSubmitted = Cst(2026, 12, 5, 10);  // a Saturday

grpc::Status Review(SupervisionFixture& f, const std::string& token, const std::string& number,
                    bool approve, const std::string& reason = "",
                    v1::ReviewResponse* out = nullptr) {
  v1::ReviewRequest r;
  r.set_ticket_number(number);
  r.set_approve(approve);
  r.set_reason(reason);
  v1::ReviewResponse response;
  return f.supervision().Review(f.As(token).get(), r, out ? out : &response);
}

grpc::Status FollowUp(SupervisionFixture& f, const std::string& number, v1::ContactResult contact,
                      v1::Satisfaction satisfaction, bool resolved,
                      v1::RecordFollowUpResponse* out) {
  v1::RecordFollowUpRequest r;
  r.set_ticket_number(number);
  r.set_contact(contact);
  r.set_satisfaction(satisfaction);
  r.set_resolved(resolved);
  return f.supervision().RecordFollowUp(f.As(f.supervisor).get(), r, out);
}

void WaitForRound(SupervisionFixture& f, const std::string& number, const Units& expected) {
  Units last;
  const bool reached = PollUntil(
      absl::Seconds(20),
      [&] {
        last = f.desk().LatestRound(number);
        return last == expected;
      },
      absl::Milliseconds(50));
  INFO(number << " latest round: " << ::Catch::Detail::stringify(last));
  REQUIRE(reached);
}

TEST_CASE("review of a complaint's reply", "[supervision]") {
  SupervisionFixture f;
  f.SetClock(kSubmitted);
  const std::string number = f.Submit("education/fees", "530102");
  f.WaitForClocks(number, 4);
  f.HandleUpToReply(number);
  f.WaitForClock(number, v1::CLOCK_KIND_HANDLING, v1::CLOCK_STATE_PAUSED);

  SECTION("only the hotline office of the place reviews") {
    CHECK(Review(f, f.frontend, number, true).error_code() == grpc::StatusCode::PERMISSION_DENIED);
    CHECK(Review(f, f.UnitToken(kLead), number, true).error_code() ==
          grpc::StatusCode::PERMISSION_DENIED);
    CHECK(Review(f, f.supervisor_qujing, number, true).error_code() ==
          grpc::StatusCode::NOT_FOUND);  // out of reach answers as absent
    grpc::Status status = Review(f, f.supervisor, number, false);
    CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
    CHECK(ViolatedFields(status) == std::vector<std::string>{"reason"});
    status = Review(f, f.supervisor, "", false);
    CHECK(ViolatedFields(status) == std::vector<std::string>{"ticket_number", "reason"});
    CHECK(Review(f, f.supervisor, "5301-20261205-999999", true).error_code() ==
          grpc::StatusCode::NOT_FOUND);
    CHECK(f.StateOf(number) == "REPLIED");
  }

  SECTION("approved: closed and the follow-up clock starts") {
    v1::ReviewResponse reviewed;
    grpc::Status status = Review(f, f.supervisor, number, true, "", &reviewed);
    INFO(status.error_message());
    REQUIRE(status.ok());
    CHECK(reviewed.ticket_state() == common::TICKET_STATE_CLOSED);
    const v1::Clock follow_up =
        f.WaitForClock(number, v1::CLOCK_KIND_FOLLOW_UP, v1::CLOCK_STATE_RUNNING);
    // One working day from Saturday: Monday evening.
    CHECK(Show(FromProto(follow_up.due_at())) == Show(Cst(2026, 12, 7, 17, 30)));
    CHECK(f.ClockOf(number, v1::CLOCK_KIND_HANDLING).state() == v1::CLOCK_STATE_STOPPED);
    CHECK(Review(f, f.supervisor, number, true).error_code() ==
          grpc::StatusCode::FAILED_PRECONDITION);
  }

  SECTION("sent back: the lead's part is signed again and the handling clock runs") {
    v1::ReviewResponse reviewed;
    grpc::Status status = Review(f, f.supervisor, number, false, "答复未说明退费金额", &reviewed);
    INFO(status.error_message());
    REQUIRE(status.ok());
    CHECK(reviewed.ticket_state() == common::TICKET_STATE_IN_PROGRESS);
    WaitForRound(f, number, {kLead + ":LEAD:SIGNED", kCo + ":CO_HANDLER:REPLIED"});
    const v1::Clock handling =
        f.WaitForClock(number, v1::CLOCK_KIND_HANDLING, v1::CLOCK_STATE_RUNNING);
    // Replied and sent back on the same Saturday: no working time was paused.
    CHECK(Show(FromProto(handling.due_at())) == Show(Cst(2026, 12, 25, 17, 30)));
    hotline::routing::v1::SubmitReplyResponse replied;
    status = f.Reply(number, kLead, &replied);
    INFO(status.error_message());
    REQUIRE(status.ok());
    CHECK(replied.ticket_state() == common::TICKET_STATE_REPLIED);
    f.WaitForClock(number, v1::CLOCK_KIND_HANDLING, v1::CLOCK_STATE_PAUSED);
  }
}

TEST_CASE("the follow-up call and the caller's evaluation", "[supervision]") {
  SupervisionFixture f;
  f.SetClock(kSubmitted);
  const std::string number = f.Submit("education/fees", "530102");
  f.WaitForClocks(number, 4);
  v1::RecordFollowUpResponse followed;
  // Not closed yet.
  CHECK(FollowUp(f, number, v1::CONTACT_RESULT_REACHED, v1::SATISFACTION_SATISFIED, true, &followed)
            .error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  f.HandleUpToReply(number);
  REQUIRE(Review(f, f.supervisor, number, true).ok());
  f.WaitForClock(number, v1::CLOCK_KIND_FOLLOW_UP, v1::CLOCK_STATE_RUNNING);

  SECTION("bad requests name the fields") {
    grpc::Status status = FollowUp(f, number, v1::CONTACT_RESULT_UNSPECIFIED,
                                   v1::SATISFACTION_SATISFIED, true, &followed);
    CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
    CHECK(ViolatedFields(status) == std::vector<std::string>{"contact"});
    status = FollowUp(f, number, v1::CONTACT_RESULT_REACHED, v1::SATISFACTION_UNSPECIFIED, true,
                      &followed);
    CHECK(ViolatedFields(status) == std::vector<std::string>{"satisfaction"});
    v1::RecordFollowUpRequest r;
    r.set_ticket_number(number);
    r.set_contact(v1::CONTACT_RESULT_UNREACHABLE);
    CHECK(f.supervision().RecordFollowUp(f.As(f.frontend).get(), r, &followed).error_code() ==
          grpc::StatusCode::PERMISSION_DENIED);
    CHECK(f.StateOf(number) == "CLOSED");
  }

  SECTION("satisfied: followed up and archived after the retention") {
    grpc::Status status = FollowUp(f, number, v1::CONTACT_RESULT_REACHED,
                                   v1::SATISFACTION_SATISFIED, true, &followed);
    INFO(status.error_message());
    REQUIRE(status.ok());
    CHECK(followed.ticket_state() == common::TICKET_STATE_FOLLOWED_UP);
    f.WaitForState(number, "FOLLOWED_UP");
    CHECK(f.EventCount(number, "supervision.followed_up") == 1);
    // The follow-up is done: its clock stops and nothing about it fires later.
    f.WaitForClock(number, v1::CLOCK_KIND_FOLLOW_UP, v1::CLOCK_STATE_STOPPED);
    const v1::Clock retention = f.ClockOf(number, v1::CLOCK_KIND_RETENTION);
    CHECK(retention.state() == v1::CLOCK_STATE_RUNNING);
    CHECK(FromProto(retention.due_at()) - FromProto(retention.started_at()) == absl::Hours(24 * 7));

    f.SetClock(kSubmitted + absl::Hours(24 * 7) - absl::Minutes(5));
    QuietPeriod();
    CHECK(f.StateOf(number) == "FOLLOWED_UP");
    CHECK(f.EventCount(number, "supervision.deadline_step") == 0);
    f.SetClock(kSubmitted + absl::Hours(24 * 7) + absl::Minutes(5));
    f.WaitForState(number, "ARCHIVED");
    f.WaitForClock(number, v1::CLOCK_KIND_RETENTION, v1::CLOCK_STATE_STOPPED);
    // Sign-for clocks were stopped by the signatures, the rest by the end of the ticket.
    const v1::GetDeadlinesResponse deadlines = f.Deadlines(number);
    for (const v1::Clock& c : deadlines.clocks()) {
      INFO(v1::ClockKind_Name(c.kind()) << " " << c.unit_id());
      CHECK(c.state() == v1::CLOCK_STATE_STOPPED);
    }
  }

  SECTION("unreachable three times: followed up on the third") {
    for (int attempt = 1; attempt <= 3; ++attempt) {
      grpc::Status status = FollowUp(f, number, v1::CONTACT_RESULT_UNREACHABLE,
                                     v1::SATISFACTION_UNSPECIFIED, false, &followed);
      INFO("attempt " << attempt << ": " << status.error_message());
      REQUIRE(status.ok());
      CHECK(followed.attempts() == attempt);
      CHECK(followed.ticket_state() ==
            (attempt < 3 ? common::TICKET_STATE_CLOSED : common::TICKET_STATE_FOLLOWED_UP));
    }
    CHECK(f.StateOf(number) == "FOLLOWED_UP");
    CHECK(f.EventCount(number, "supervision.followed_up") == 3);
  }
}

TEST_CASE("a dissatisfied caller reopens the ticket to the same units with a new handling clock",
          "[supervision]") {
  SupervisionFixture f;
  f.SetClock(kSubmitted);
  const std::string number = f.Submit("education/fees", "530102");
  f.WaitForClocks(number, 4);
  f.HandleUpToReply(number);
  REQUIRE(Review(f, f.supervisor, number, true).ok());
  f.WaitForClock(number, v1::CLOCK_KIND_FOLLOW_UP, v1::CLOCK_STATE_RUNNING);
  v1::RecordFollowUpResponse followed;
  grpc::Status status = FollowUp(f, number, v1::CONTACT_RESULT_REACHED,
                                 v1::SATISFACTION_DISSATISFIED, false, &followed);
  INFO(status.error_message());
  REQUIRE(status.ok());
  CHECK(followed.ticket_state() == common::TICKET_STATE_REOPENED);
  // Routing dispatches within a second when it works; don't wait the usual 20s for the bug.
  REQUIRE(PollUntil(
      absl::Seconds(5), [&] { return f.StateOf(number) == "DISPATCHED"; }, absl::Milliseconds(50)));
  WaitForRound(f, number, {kLead + ":LEAD:DISPATCHED", kCo + ":CO_HANDLER:DISPATCHED"});
  CHECK(f.Count("SELECT max(round) FROM routing_assignments WHERE ticket_number = '" + number +
                "'") == 2);
  f.WaitForClock(number, v1::CLOCK_KIND_HANDLING, v1::CLOCK_STATE_RUNNING, kLead);
  int running = 0, stopped = 0;
  const v1::GetDeadlinesResponse deadlines = f.Deadlines(number);
  for (const v1::Clock& c : deadlines.clocks()) {
    if (c.kind() != v1::CLOCK_KIND_HANDLING) continue;
    (c.state() == v1::CLOCK_STATE_RUNNING ? running : stopped) += 1;
  }
  CHECK(running == 1);
  CHECK(stopped == 1);
  CHECK(f.ClockOf(number, v1::CLOCK_KIND_FOLLOW_UP).state() == v1::CLOCK_STATE_STOPPED);
  // The new round's sign-for clocks run for the new assignments.
  f.WaitForClock(number, v1::CLOCK_KIND_SIGN_FOR, v1::CLOCK_STATE_RUNNING, kLead);
}

}  // namespace
}  // namespace hotline::supervision::testing
