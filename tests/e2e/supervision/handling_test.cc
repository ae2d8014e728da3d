// Clocks following the handling: sign-for and co-reply limits, suspension (挂起) and extension
// (延期).
#include <catch2/catch.hpp>
#include <cstdlib>

#include "hotline/intake/v1/intake.grpc.pb.h"
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
// Submitted on a Saturday: every limit counts from Monday's opening (see ladder_test.cc).
const absl::Time kSubmitted = Cst(2026, 12, 5, 10);
const absl::Time kHandlingDue = Cst(2026, 12, 25, 17, 30);

// The co-handler's reply limit as routing stored it, in Unix seconds (0 when not set).
int64_t ReplyDueInRouting(SupervisionFixture& f, int64_t assignment_id) {
  return f.Count(
      "SELECT coalesce(extract(epoch from reply_due_at)::bigint, 0) FROM routing_assignments "
      "WHERE id = " +
      std::to_string(assignment_id));
}

void WaitForReplyDue(SupervisionFixture& f, int64_t assignment_id, absl::Time due) {
  const bool reached = PollUntil(
      absl::Seconds(20),
      [&] { return ReplyDueInRouting(f, assignment_id) == absl::ToUnixSeconds(due); },
      absl::Milliseconds(50));
  INFO("routing's reply_due_at is " << ReplyDueInRouting(f, assignment_id) << ", expected "
                                    << Show(due));
  REQUIRE(reached);
}

int HandlingSteps(SupervisionFixture& f, const std::string& number) {
  int n = 0;
  for (const v1::DeadlineStep& s : f.Steps(number))
    n += s.clock().kind() == v1::CLOCK_KIND_HANDLING;
  return n;
}

TEST_CASE("signing stops the sign-for clock and the co-reply limit frees the lead's reply",
          "[supervision]") {
  SupervisionFixture f;

  // Due on Friday 11 December: routing, on the system clock, still waits for the co-handler.
  f.SetClock(kSubmitted);
  const std::string waiting = f.Submit("education/fees", "530102");
  f.WaitForClocks(waiting, 4);
  REQUIRE(f.Sign(waiting, kLead).ok());
  f.WaitForClock(waiting, v1::CLOCK_KIND_SIGN_FOR, v1::CLOCK_STATE_STOPPED, kLead);
  CHECK(f.ClockOf(waiting, v1::CLOCK_KIND_SIGN_FOR, kCo).state() == v1::CLOCK_STATE_RUNNING);
  CHECK(f.ClockOf(waiting, v1::CLOCK_KIND_HANDLING).state() == v1::CLOCK_STATE_RUNNING);
  const v1::Clock co_reply = f.ClockOf(waiting, v1::CLOCK_KIND_CO_REPLY, kCo);
  CHECK(Show(FromProto(co_reply.due_at())) == Show(Cst(2026, 12, 11, 17, 30)));
  CHECK(co_reply.assignment_id() == f.AssignmentId(waiting, kCo));
  WaitForReplyDue(f, co_reply.assignment_id(), Cst(2026, 12, 11, 17, 30));
  grpc::Status early = f.Reply(waiting, kLead);
  CHECK(early.error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  CHECK(early.error_message().find(kCo) != std::string::npos);

  // Routing compares the limit with its own (system) clock: for it to have passed, supervision
  // runs in the past here (Saturday 7 November: due Friday 13 November 17:30).
  f.SetClock(Cst(2026, 11, 7, 10));
  const std::string passed = f.Submit("education/fees", "530102");
  f.WaitForClocks(passed, 4);
  REQUIRE(f.Sign(passed, kLead).ok());
  WaitForReplyDue(f, f.AssignmentId(passed, kCo), Cst(2026, 11, 13, 17, 30));
  hotline::routing::v1::SubmitReplyResponse replied;
  grpc::Status status = f.Reply(passed, kLead, &replied);
  INFO(status.error_message());
  REQUIRE(status.ok());
  CHECK(replied.ticket_state() == common::TICKET_STATE_REPLIED);
  CHECK(f.desk().LatestRound(passed) ==
        Units{kLead + ":LEAD:REPLIED", kCo + ":CO_HANDLER:DISPATCHED"});
  // A complaint's reply waits for review: the handling clock is paused meanwhile.
  f.WaitForClock(passed, v1::CLOCK_KIND_HANDLING, v1::CLOCK_STATE_PAUSED);
}

grpc::Status Suspend(SupervisionFixture& f, const std::string& token, const std::string& number,
                     v1::SuspendResponse* out, const std::string& reason = "等待司法鉴定结果") {
  v1::SuspendRequest r;
  r.set_ticket_number(number);
  r.set_reason(reason);
  return f.supervision().Suspend(f.As(token).get(), r, out);
}

grpc::Status Resume(SupervisionFixture& f, const std::string& token, const std::string& number) {
  v1::ResumeRequest r;
  r.set_ticket_number(number);
  v1::ResumeResponse response;
  return f.supervision().Resume(f.As(token).get(), r, &response);
}

grpc::Status Decide(SupervisionFixture& f, const std::string& token, int64_t request_id,
                    bool approve, v1::DecideSuspensionResponse* out = nullptr) {
  v1::DecideSuspensionRequest r;
  r.set_request_id(request_id);
  r.set_approve(approve);
  v1::DecideSuspensionResponse response;
  return f.supervision().DecideSuspension(f.As(token).get(), r, out ? out : &response);
}

TEST_CASE("a suspension pauses the clocks and resuming moves them by the paused working time",
          "[supervision]") {
  SupervisionFixture f;
  f.SetClock(kSubmitted);
  const std::string number = f.Submit("education/fees", "530102");
  f.WaitForClocks(number, 4);
  REQUIRE(f.Sign(number, kLead).ok());
  f.WaitForState(number, "IN_PROGRESS");
  const v1::Clock before = f.ClockOf(number, v1::CLOCK_KIND_HANDLING);
  CHECK(Show(FromProto(before.due_at())) == Show(kHandlingDue));

  SECTION("by the hotline office at once, over a weekend and a working Monday") {
    f.SetClock(Cst(2026, 12, 11, 18));  // Friday after hours
    v1::SuspendResponse suspended;
    grpc::Status status = Suspend(f, f.supervisor, number, &suspended);
    INFO(status.error_message());
    REQUIRE(status.ok());
    CHECK(suspended.suspended());
    f.WaitForState(number, "SUSPENDED");
    f.WaitForClock(number, v1::CLOCK_KIND_HANDLING, v1::CLOCK_STATE_PAUSED);
    CHECK(f.ClockOf(number, v1::CLOCK_KIND_CO_REPLY).state() == v1::CLOCK_STATE_PAUSED);

    f.SetClock(Cst(2026, 12, 15, 8, 30));  // Tuesday before opening: Monday's 7h were paused
    REQUIRE(Resume(f, f.supervisor, number).ok());
    f.WaitForState(number, "IN_PROGRESS");
    const v1::Clock after =
        f.WaitForClock(number, v1::CLOCK_KIND_HANDLING, v1::CLOCK_STATE_RUNNING);
    CHECK(Show(FromProto(after.due_at())) == Show(Cst(2026, 12, 28, 17, 30)));
    CHECK(absl::AbsDuration(FromProto(after.warn_at()) - Cst(2026, 12, 23, 17, 30)) <=
          absl::Seconds(1));
    // Wall time Fri 18:00 → Tue 08:30 (the instants carry the milliseconds of the calls).
    CHECK(std::abs(after.paused().seconds() - (3 * 24 + 14) * 3600 - 1800) <= 60);
    CHECK(f.ClockOf(number, v1::CLOCK_KIND_CO_REPLY).state() == v1::CLOCK_STATE_RUNNING);
    // Intake's view of the ticket follows.
    hotline::intake::v1::GetTicketRequest get;
    get.set_ticket_number(number);
    hotline::intake::v1::GetTicketResponse got;
    REQUIRE(f.desk().intake().GetTicket(f.As(f.frontend).get(), get, &got).ok());
    bool seen = false;
    for (const auto& d : got.deadlines()) {
      if (d.clock() != "handling") continue;
      seen = true;
      CHECK(Show(FromProto(d.due_at())) == Show(Cst(2026, 12, 28, 17, 30)));
    }
    CHECK(seen);
  }

  SECTION("on the lead unit's request once the office approves") {
    v1::SuspendResponse requested;
    CHECK(Suspend(f, f.UnitToken(kCo), number, &requested).error_code() ==
          grpc::StatusCode::PERMISSION_DENIED);
    CHECK(Suspend(f, f.frontend, number, &requested).error_code() ==
          grpc::StatusCode::PERMISSION_DENIED);
    grpc::Status status = Suspend(f, f.UnitToken(kLead), number, &requested);
    INFO(status.error_message());
    REQUIRE(status.ok());
    CHECK_FALSE(requested.suspended());
    REQUIRE(requested.request_id() > 0);
    CHECK(f.StateOf(number) == "IN_PROGRESS");
    // One pending request per ticket.
    v1::SuspendResponse again;
    CHECK_FALSE(Suspend(f, f.UnitToken(kLead), number, &again).ok());

    CHECK(Decide(f, f.UnitToken(kLead), requested.request_id(), true).error_code() ==
          grpc::StatusCode::PERMISSION_DENIED);
    CHECK(Decide(f, f.supervisor_qujing, requested.request_id(), true).error_code() ==
          grpc::StatusCode::NOT_FOUND);  // out of reach answers as absent
    CHECK(Decide(f, f.supervisor, 987654321, true).error_code() == grpc::StatusCode::NOT_FOUND);
    f.SetClock(Cst(2026, 12, 12, 10));  // approved on Saturday
    v1::DecideSuspensionResponse decided;
    status = Decide(f, f.supervisor, requested.request_id(), true, &decided);
    INFO(status.error_message());
    REQUIRE(status.ok());
    CHECK(decided.ticket_state() == common::TICKET_STATE_SUSPENDED);
    CHECK(Decide(f, f.supervisor, requested.request_id(), true).error_code() ==
          grpc::StatusCode::FAILED_PRECONDITION);
    f.WaitForClock(number, v1::CLOCK_KIND_HANDLING, v1::CLOCK_STATE_PAUSED);

    // While paused nothing fires, even past the old due time.
    f.SetClock(kHandlingDue + absl::Hours(1));
    QuietPeriod();
    CHECK(HandlingSteps(f, number) == 0);
    // Resumed by the lead on Saturday 26 December: 10 working days (70h) were paused.
    f.SetClock(Cst(2026, 12, 26, 10));
    status = Resume(f, f.UnitToken(kLead), number);
    INFO(status.error_message());
    REQUIRE(status.ok());
    f.WaitForState(number, "IN_PROGRESS");
    const v1::Clock after =
        f.WaitForClock(number, v1::CLOCK_KIND_HANDLING, v1::CLOCK_STATE_RUNNING);
    // Dec 25 17:30 + 10 working days: Dec 28–31, Jan 4–8 (1 Jan is a holiday), Jan 11.
    CHECK(Show(FromProto(after.due_at())) == Show(Cst(2027, 1, 11, 17, 30)));
  }
}

grpc::Status AskExtension(SupervisionFixture& f, const std::string& token,
                          const std::string& number, absl::Time due,
                          v1::RequestExtensionResponse* out) {
  v1::RequestExtensionRequest r;
  r.set_ticket_number(number);
  r.set_reason("需要现场核查多所学校");
  *r.mutable_requested_due_at() = Proto(due);
  return f.supervision().RequestExtension(f.As(token).get(), r, out);
}

grpc::Status DecideExtension(SupervisionFixture& f, const std::string& token, int64_t id,
                             bool approve, const std::string& reason,
                             v1::DecideExtensionResponse* out) {
  v1::DecideExtensionRequest r;
  r.set_request_id(id);
  r.set_approve(approve);
  r.set_reason(reason);
  return f.supervision().DecideExtension(f.As(token).get(), r, out);
}

TEST_CASE("the lead asks an extension before due and the office decides", "[supervision]") {
  SupervisionFixture f;
  f.SetClock(kSubmitted);
  const std::string number = f.Submit("education/fees", "530102");
  f.WaitForClocks(number, 4);
  REQUIRE(f.Sign(number, kLead).ok());
  f.SetClock(Cst(2026, 12, 21, 10));
  const absl::Time wanted = Cst(2027, 1, 8, 17, 30);

  v1::RequestExtensionResponse asked;
  // Only the lead unit asks.
  CHECK(AskExtension(f, f.UnitToken(kCo), number, wanted, &asked).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
  CHECK(AskExtension(f, f.UnitToken("530103-education"), number, wanted, &asked).error_code() ==
        grpc::StatusCode::NOT_FOUND);  // a unit without a clock on it finds nothing
  CHECK(AskExtension(f, f.frontend, number, wanted, &asked).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
  CHECK(AskExtension(f, f.supervisor, number, wanted, &asked).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
  // The new due time must be later.
  grpc::Status status = AskExtension(f, f.UnitToken(kLead), number, Cst(2026, 12, 24, 17), &asked);
  CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(ViolatedFields(status) == std::vector<std::string>{"requested_due_at"});
  v1::RequestExtensionRequest empty;
  status = f.supervision().RequestExtension(f.As(f.UnitToken(kLead)).get(), empty, &asked);
  CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(ViolatedFields(status) ==
        std::vector<std::string>{"ticket_number", "reason", "requested_due_at"});

  // Rejected: the due time stays.
  status = AskExtension(f, f.UnitToken(kLead), number, wanted, &asked);
  INFO(status.error_message());
  REQUIRE(status.ok());
  CHECK(asked.request().state() == v1::EXTENSION_STATE_PENDING);
  CHECK(asked.request().unit_id() == kLead);
  v1::DecideExtensionResponse decided;
  CHECK(DecideExtension(f, f.UnitToken(kLead), asked.request().id(), true, "", &decided)
            .error_code() == grpc::StatusCode::PERMISSION_DENIED);
  status = DecideExtension(f, f.supervisor, asked.request().id(), false, "", &decided);
  CHECK(status.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK(ViolatedFields(status) == std::vector<std::string>{"reason"});
  status = DecideExtension(f, f.supervisor, asked.request().id(), false, "理由不充分", &decided);
  INFO(status.error_message());
  REQUIRE(status.ok());
  CHECK(decided.request().state() == v1::EXTENSION_STATE_REJECTED);
  CHECK(Show(FromProto(f.ClockOf(number, v1::CLOCK_KIND_HANDLING).due_at())) == Show(kHandlingDue));
  CHECK(f.EventCount(number, "supervision.extension_decided") == 1);
  CHECK(DecideExtension(f, f.supervisor, asked.request().id(), true, "", &decided).error_code() ==
        grpc::StatusCode::FAILED_PRECONDITION);

  // Approved: the handling clock is due at the requested time.
  status = AskExtension(f, f.UnitToken(kLead), number, wanted, &asked);
  INFO(status.error_message());
  REQUIRE(status.ok());
  status = DecideExtension(f, f.supervisor, asked.request().id(), true, "", &decided);
  INFO(status.error_message());
  REQUIRE(status.ok());
  CHECK(decided.request().state() == v1::EXTENSION_STATE_APPROVED);
  CHECK(Show(FromProto(decided.handling().due_at())) == Show(wanted));
  CHECK(decided.handling().extensions() == 1);
  const v1::GetDeadlinesResponse deadlines = f.Deadlines(number);
  REQUIRE(deadlines.extensions_size() == 2);
  CHECK(deadlines.extensions(0).state() == v1::EXTENSION_STATE_REJECTED);
  CHECK(deadlines.extensions(0).decision_reason() == "理由不充分");
  CHECK(deadlines.extensions(1).state() == v1::EXTENSION_STATE_APPROVED);
  CHECK(Show(FromProto(f.ClockOf(number, v1::CLOCK_KIND_HANDLING).due_at())) == Show(wanted));
  CHECK(f.EventCount(number, "supervision.extension_decided") == 2);

  // The old due time passes without an overdue notice; the new one brings it.
  f.SetClock(kHandlingDue + absl::Hours(1));
  QuietPeriod();
  CHECK(HandlingSteps(f, number) == 0);  // the warning moved too: 80% of the longer span

  // After due, too late to ask.
  f.SetClock(wanted + absl::Minutes(1));
  status = AskExtension(f, f.UnitToken(kLead), number, Cst(2027, 1, 15, 17, 30), &asked);
  CHECK(status.error_code() == grpc::StatusCode::FAILED_PRECONDITION);
}

}  // namespace
}  // namespace hotline::supervision::testing
