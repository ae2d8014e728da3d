#include "tests/unit/supervision/supervision_world.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "libs/calendar/calendar_text.h"

namespace hotline::supervision::testing {
namespace {

namespace common = hotline::common::v1;

std::shared_ptr<const calendar::BusinessCalendar> Standard() {
  std::ifstream in(std::string(HOTLINE_SOURCE_DIR) + "/deploy/calendars/standard-2026-2027.txt");
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = calendar::ParseCalendar(text.str());
  REQUIRE(parsed.ok());
  return std::make_shared<const calendar::BusinessCalendar>(*std::move(parsed));
}

Settings StandardSettings() {
  Settings s;
  s.calendars["standard"] = Standard();
  PolicyRow p;
  p.id = 1;
  p.calendar = "standard";
  p.sign_for = {LimitUnit::kWorkingHours, 4};
  p.handling = {LimitUnit::kWorkingDays, 5};
  p.co_reply = {LimitUnit::kWorkingDays, 3};
  p.follow_up = {LimitUnit::kWorkingDays, 3};
  p.requires_review = true;
  p.suspension_needs_approval = true;
  p.follow_up_attempts = 3;
  p.retention = absl::Hours(24 * 15);
  s.policies.push_back(p);
  s.rungs.urging = {LimitUnit::kWorkingDays, 1};
  s.rungs.escalation = {LimitUnit::kWorkingDays, 3};
  return s;
}

}  // namespace

SupervisionWorld::SupervisionWorld()
    : settings_(StandardSettings()),
      cache_([this]() -> absl::StatusOr<Settings> { return settings_; }, absl::Hours(1), clock) {
  clock.Set(Cst(2026, 12, 7, 10));
  runner.Track(tickets);
  runner.Track(clocks);
  runner.Track(requests);
  runner.Track(follow_ups);
}

common::Ticket SupervisionWorld::Ticket(common::TicketState state) {
  common::Ticket t;
  t.set_state(state);
  t.set_category("education/school");
  t.set_kind(common::TICKET_KIND_COMPLAINT);
  t.set_urgency(common::URGENCY_NORMAL);
  t.mutable_region()->set_code("530102");
  return tickets.Put(t);
}

ClockRow SupervisionWorld::Handling(const common::Ticket& ticket, const std::string& unit,
                                    absl::Time due) {
  ClockRow c;
  c.ticket_id = ticket.id();
  c.ticket_number = ticket.number();
  c.kind = ClockKind::kHandling;
  c.unit_id = unit;
  c.region_code = ticket.region().code();
  c.policy_id = 1;
  c.calendar = "standard";
  c.limit = {LimitUnit::kWorkingDays, 5};
  c.started_at = clock.Now() - absl::Hours(1);
  c.due_at = due;
  c.next_fire_at = due;
  Transaction tx;
  return *clocks.Insert(tx, c);
}

common::TicketState SupervisionWorld::StateOf(int64_t ticket_id) {
  Transaction tx;
  return tickets.Get(tx, ticket_id)->state();
}

common::Actor SupervisionWorld::Office() const {
  common::Actor a;
  a.set_role(common::ROLE_SUPERVISOR);
  a.set_principal("office-5301");
  a.set_jurisdiction("5301");
  return a;
}

common::Actor SupervisionWorld::Unit(const std::string& unit) const {
  common::Actor a;
  a.set_role(common::ROLE_UNIT);
  a.set_principal(unit);
  return a;
}

TicketGate AsOffice() {
  return [](const common::Ticket&, absl::FunctionRef<std::vector<ClockRow>()>) {
    return absl::StatusOr<Standing>(Standing::kOffice);
  };
}

TicketGate AsLeadUnit() {
  return [](const common::Ticket&, absl::FunctionRef<std::vector<ClockRow>()>) {
    return absl::StatusOr<Standing>(Standing::kLeadUnit);
  };
}

TicketGate Denied() {
  return [](const common::Ticket&,
            absl::FunctionRef<std::vector<ClockRow>()>) -> absl::StatusOr<Standing> {
    return absl::PermissionDeniedError("this is for the hotline office");
  };
}

absl::Time Cst(int year, int month, int day, int hour, int minute) {
  return absl::FromCivil(absl::CivilMinute(year, month, day, hour, minute),
                         absl::FixedTimeZone(8 * 3600));
}

}  // namespace hotline::supervision::testing
