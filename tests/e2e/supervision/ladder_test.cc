// The escalation ladder over real processes: each rung once, at its instant, on one replica or
// two, and across a crash of the supervision process.
#include <signal.h>

#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "libs/crypto/field_cipher.h"
#include "libs/ticketstore/sealed_fields.h"
#include "tests/e2e/supervision/supervision_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::supervision::testing {
namespace {

namespace v1 = hotline::supervision::v1;
using Rungs = std::vector<v1::EscalationStep>;

// Complaints about school fees in Wuhua: the district's education bureau leads, its civil
// affairs bureau co-handles; the complaint policy gives 4 working hours to sign, 5 working days
// to co-reply, 15 working days to handle. Submitted on Saturday 2026-12-05 (closed time), every
// limit counts from Monday's opening, so the instants are exact:
const absl::Time kSubmitted = Cst(2026, 12, 5, 10);
const absl::Time kHandlingWarning = Cst(2026, 12, 22, 17, 30);  // 80% = 12 working days
const absl::Time kHandlingDue = Cst(2026, 12, 25, 17, 30);      // 15th working day
const absl::Time kUrging = Cst(2026, 12, 28, 17, 30);           // 1 working day after due
const absl::Time kEscalation = Cst(2027, 1, 5, 17, 30);         // 6 after (1 Jan a holiday)

Rungs StepsOf(const std::vector<v1::DeadlineStep>& steps, v1::ClockKind kind,
              const std::string& unit) {
  Rungs out;
  for (const v1::DeadlineStep& s : steps) {
    if (s.clock().kind() == kind && s.unit_id() == unit) out.push_back(s.step());
  }
  return out;
}

// Every (clock, rung) at most once.
void CheckNoRungTwice(const std::vector<v1::DeadlineStep>& steps) {
  std::set<std::pair<int64_t, int>> seen;
  for (const v1::DeadlineStep& s : steps) {
    INFO("clock " << s.clock().id() << " fired " << v1::EscalationStep_Name(s.step()) << " twice");
    CHECK(seen.insert({s.clock().id(), s.step()}).second);
  }
}

// Sets the clock and waits until the ticket has `total` deadline steps.
void MoveTo(SupervisionFixture& f, const std::string& number, absl::Time now, size_t total) {
  f.SetClock(now);
  const bool fired = f.WaitForSteps(number, total);
  INFO("at " << Show(now) << " " << number << " has " << f.Steps(number).size()
             << " deadline steps, expected " << total);
  REQUIRE(fired);
}

constexpr v1::EscalationStep kWarning = v1::ESCALATION_STEP_WARNING;
constexpr v1::EscalationStep kOverdue = v1::ESCALATION_STEP_OVERDUE;
constexpr v1::EscalationStep kUrge = v1::ESCALATION_STEP_URGING;
constexpr v1::EscalationStep kEscalate = v1::ESCALATION_STEP_ESCALATION;

TEST_CASE("every rung of a handling clock fires once at its instant", "[supervision]") {
  SupervisionFixture f;
  f.SetClock(kSubmitted);
  const std::string number = f.Submit("education/fees", "530102");
  f.WaitForClocks(number, 4);
  const std::string lead = "530102-education", co = "530102-civil-affairs";
  const std::string superior = f.desk().AssignmentOf(number, lead).superior_unit_id();

  const v1::Clock handling = f.ClockOf(number, v1::CLOCK_KIND_HANDLING);
  CHECK(handling.unit_id() == lead);
  CHECK(Show(FromProto(handling.due_at())) == Show(kHandlingDue));
  CHECK(absl::AbsDuration(FromProto(handling.warn_at()) - kHandlingWarning) <= absl::Seconds(1));

  // Nobody signs: the sign-for and co-reply clocks warn and go overdue (no urging for them);
  // the handling clock runs from dispatch all the same, and has not reached its warning.
  MoveTo(f, number, kHandlingWarning - absl::Minutes(30), 6);
  QuietPeriod();
  std::vector<v1::DeadlineStep> steps = f.Steps(number);
  CHECK(steps.size() == 6);
  CHECK(StepsOf(steps, v1::CLOCK_KIND_SIGN_FOR, lead) == Rungs{kWarning, kOverdue});
  CHECK(StepsOf(steps, v1::CLOCK_KIND_SIGN_FOR, co) == Rungs{kWarning, kOverdue});
  CHECK(StepsOf(steps, v1::CLOCK_KIND_CO_REPLY, co) == Rungs{kWarning, kOverdue});
  CHECK(StepsOf(steps, v1::CLOCK_KIND_HANDLING, lead).empty());

  MoveTo(f, number, kHandlingWarning + absl::Minutes(1), 7);
  CHECK(f.Steps(number).back().step() == kWarning);
  // Just before due: nothing more.
  f.SetClock(kHandlingDue - absl::Minutes(1));
  QuietPeriod();
  CHECK(f.Steps(number).size() == 7);
  MoveTo(f, number, kHandlingDue + absl::Minutes(1), 8);
  CHECK(f.Steps(number).back().step() == kOverdue);
  f.SetClock(kUrging - absl::Minutes(1));
  QuietPeriod();
  CHECK(f.Steps(number).size() == 8);
  MoveTo(f, number, kUrging + absl::Minutes(1), 9);
  CHECK(f.Steps(number).back().step() == kUrge);
  f.SetClock(kEscalation - absl::Minutes(1));
  QuietPeriod();
  CHECK(f.Steps(number).size() == 9);
  MoveTo(f, number, kEscalation + absl::Minutes(1), 10);

  steps = f.Steps(number);
  CHECK(StepsOf(steps, v1::CLOCK_KIND_HANDLING, lead) ==
        Rungs{kWarning, kOverdue, kUrge, kEscalate});
  const v1::DeadlineStep& escalation = steps.back();
  CHECK(escalation.step() == kEscalate);
  CHECK(escalation.clock().kind() == v1::CLOCK_KIND_HANDLING);
  CHECK(escalation.unit_id() == lead);
  CHECK(superior == "5301-government");
  CHECK(escalation.superior_unit_id() == superior);
  for (const v1::DeadlineStep& s : steps) {
    CHECK_FALSE(s.by_hand());
    if (s.step() != kEscalate) CHECK(s.superior_unit_id().empty());
  }

  // Moving the clock again, forward or back and forward, fires nothing twice.
  f.SetClock(Cst(2027, 3, 1, 10));
  QuietPeriod();
  f.SetClock(kHandlingDue - absl::Hours(1));
  QuietPeriod();
  f.SetClock(Cst(2027, 6, 1, 10));
  QuietPeriod();
  steps = f.Steps(number);
  CHECK(steps.size() == 10);
  CheckNoRungTwice(steps);
  const v1::Clock after = f.ClockOf(number, v1::CLOCK_KIND_HANDLING);
  CHECK(after.last_step() == kEscalate);
  CHECK(after.state() == v1::CLOCK_STATE_RUNNING);
  CHECK(after.lateness().seconds() > 0);
}

TEST_CASE("an urging by hand is a deadline step of the office", "[supervision]") {
  SupervisionFixture f;
  f.SetClock(kSubmitted);
  const std::string number = f.Submit("education/fees", "530102");
  f.WaitForClocks(number, 4);
  v1::UrgeRequest r;
  r.set_ticket_number(number);
  r.set_note("请加快办理");
  v1::UrgeResponse response;
  CHECK(f.supervision()
            .Urge(f.As(f.UnitToken("530102-education")).get(), r, &response)
            .error_code() == grpc::StatusCode::PERMISSION_DENIED);
  CHECK(f.supervision().Urge(f.As(f.supervisor_qujing).get(), r, &response).error_code() ==
        grpc::StatusCode::NOT_FOUND);  // out of reach answers as absent
  grpc::Status status = f.supervision().Urge(f.As(f.supervisor).get(), r, &response);
  INFO(status.error_message());
  REQUIRE(status.ok());
  const std::vector<v1::DeadlineStep> steps = f.Steps(number);
  REQUIRE(steps.size() == 1);
  CHECK(steps[0].by_hand());
  CHECK(steps[0].step() == kUrge);
  CHECK(steps[0].unit_id() == "530102-education");
  // The office's words stay with the ticket, not in the event, and sealed there.
  const std::string row = f.Text(
      "SELECT x.ticket_id || ' ' || x.ticket_version || ' ' || encode(x.sealed, 'hex') "
      "FROM ticket_texts x JOIN tickets t ON t.id = x.ticket_id WHERE t.number = '" +
      number + "' AND x.kind = 'urging' AND x.body = ''");
  std::vector<std::string> parts = absl::StrSplit(row, ' ');
  REQUIRE(parts.size() == 3);
  auto keys = crypto::FieldCipher::FromFile(::hotline::testing::TestEnv::Get().DataKeys());
  REQUIRE(keys.ok());
  hotline::common::v1::Ticket text;
  REQUIRE(ticketstore::OpenText(**keys, std::stoll(parts[0]), std::stoll(parts[1]),
                                absl::HexStringToBytes(parts[2]), text)
              .ok());
  CHECK(text.content() == "请加快办理");
}

// Each ticket: handling W O U E, two sign-for clocks W O, one co-reply clock W O.
constexpr size_t kStepsPerTicket = 10;

TEST_CASE("two supervision replicas fire each rung once", "[supervision]") {
  SupervisionFixture f(2);
  f.SetClock(kSubmitted);
  std::vector<std::string> numbers;
  for (int i = 0; i < 4; ++i) numbers.push_back(f.Submit("education/fees", "530102"));
  for (const std::string& n : numbers) f.WaitForClocks(n, 4);
  CHECK(f.Count("SELECT count(*) FROM supervision_clocks") == 16);

  f.SetClock(Cst(2027, 3, 1, 10));
  for (const std::string& n : numbers) REQUIRE(f.WaitForSteps(n, kStepsPerTicket));
  QuietPeriod();
  for (const std::string& n : numbers) {
    const std::vector<v1::DeadlineStep> steps = f.Steps(n);
    CHECK(steps.size() == kStepsPerTicket);
    CheckNoRungTwice(steps);
    CHECK(StepsOf(steps, v1::CLOCK_KIND_HANDLING, "530102-education") ==
          Rungs{kWarning, kOverdue, kUrge, kEscalate});
  }
}

TEST_CASE("a supervision process killed mid-sweep fires every due rung once after restart",
          "[supervision]") {
  SupervisionFixture f;
  f.SetClock(kSubmitted);
  std::vector<std::string> numbers;
  for (int i = 0; i < 3; ++i) numbers.push_back(f.Submit("education/fees", "530102"));
  for (const std::string& n : numbers) f.WaitForClocks(n, 4);

  // Far past every rung: the sweeper climbs the ladders one rung per clock and pass; kill it
  // while it is at it.
  f.SetClock(Cst(2027, 3, 1, 10));
  REQUIRE(f.WaitForSteps(numbers[0], 1));
  f.StopReplica(0, SIGKILL);
  int64_t before =
      f.Count("SELECT count(*) FROM ticket_events WHERE type = 'supervision.deadline_step'");
  INFO("fired before the crash: " << before);
  CHECK(before < static_cast<int64_t>(kStepsPerTicket * numbers.size()));

  // A new process starts before the deadlines (not on the system clock: the machine's date may
  // lie past them) and fires nothing until the clock is set again.
  f.StartReplica(0, kSubmitted);
  QuietPeriod();
  CHECK(f.Count("SELECT count(*) FROM ticket_events WHERE type = 'supervision.deadline_step'") ==
        before);
  f.SetClock(Cst(2027, 3, 1, 10));
  for (const std::string& n : numbers) REQUIRE(f.WaitForSteps(n, kStepsPerTicket));

  // And a graceful restart later on fires nothing again.
  f.StopReplica(0, SIGTERM);
  f.StartReplica(0, kSubmitted);
  f.SetClock(Cst(2027, 6, 1, 10));
  QuietPeriod();
  for (const std::string& n : numbers) {
    const std::vector<v1::DeadlineStep> steps = f.Steps(n);
    CHECK(steps.size() == kStepsPerTicket);
    CheckNoRungTwice(steps);
    CHECK(StepsOf(steps, v1::CLOCK_KIND_HANDLING, "530102-education") ==
          Rungs{kWarning, kOverdue, kUrge, kEscalate});
  }
}

}  // namespace
}  // namespace hotline::supervision::testing
