// Policy choice, due times, warnings, the escalation ladder and pauses, over tables of cases on
// the seed's standard calendar (Mon–Fri 09:00–12:00 and 13:30–17:30, 2026 holidays).
#include "services/supervision/rules/deadline_rules.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "libs/calendar/calendar_text.h"

namespace hotline::supervision {
namespace {

const calendar::BusinessCalendar& Standard() {
  static const calendar::BusinessCalendar* standard = [] {
    std::ifstream in(std::string(HOTLINE_SOURCE_DIR) + "/deploy/calendars/standard-2026-2027.txt");
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = calendar::ParseCalendar(text.str());
    REQUIRE(parsed.ok());
    return new calendar::BusinessCalendar(*std::move(parsed));
  }();
  return *standard;
}

absl::TimeZone Shanghai() {
  absl::TimeZone zone;
  REQUIRE(absl::LoadTimeZone("Asia/Shanghai", &zone));
  return zone;
}

absl::Time At(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), Shanghai());
}

std::string Local(absl::Time t) { return absl::FormatTime("%Y-%m-%d %H:%M", t, Shanghai()); }

PolicyRow Policy(int64_t id, int kind, int urgency, std::string prefix, int priority = 100) {
  PolicyRow p;
  p.id = id;
  p.kind = kind;
  p.urgency = urgency;
  p.category_prefix = std::move(prefix);
  p.priority = priority;
  return p;
}

TEST_CASE("the most specific policy applies", "[supervision]") {
  const std::vector<PolicyRow> policies = {
      Policy(1, 0, 0, ""),
      Policy(2, 3, 0, ""),
      Policy(3, 0, 0, "public-utilities"),
      Policy(4, 0, 3, ""),
      Policy(5, 3, 0, "public-utilities/water"),
      Policy(6, 0, 0, "education", 50),
      Policy(7, 0, 0, "education", 100),
  };
  struct Case {
    int kind, urgency;
    std::string category;
    int64_t expected;
  };
  const std::vector<Case> cases = {
      {1, 1, "general/other", 1},           // only the catch-all
      {3, 1, "general/other", 2},           // complaints
      {1, 1, "public-utilities/gas", 3},    // the category beats the catch-all
      {3, 1, "public-utilities/gas", 3},    // a category beats a kind
      {3, 1, "public-utilities/water", 5},  // longer prefix (and the kind)
      {3, 3, "public-utilities/water", 4},  // an emergency beats any category
      {1, 1, "public-utilitiesx", 1},       // prefixes only at '/' boundaries
      {1, 1, "education/fees", 6},          // the lower priority number
  };
  for (const Case& c : cases) {
    const PolicyRow* chosen = ChoosePolicy(policies, c.kind, c.urgency, c.category);
    INFO(c.category << " kind " << c.kind << " urgency " << c.urgency);
    REQUIRE(chosen != nullptr);
    CHECK(chosen->id == c.expected);
  }
  CHECK(ChoosePolicy({Policy(9, 3, 0, "")}, 1, 1, "x") == nullptr);
}

TEST_CASE("due times by limit unit", "[supervision]") {
  struct Case {
    absl::Time start;
    Limit limit;
    std::string due;
  };
  const std::vector<Case> cases = {
      // Friday 17:00 + 4 working hours: 30 minutes on Friday, 3 + 0.5 hours on Monday.
      {At(2026, 11, 20, 17, 0), {LimitUnit::kWorkingHours, 4}, "2026-11-23 14:00"},
      // Across the lunch break.
      {At(2026, 11, 23, 11, 0), {LimitUnit::kWorkingHours, 2}, "2026-11-23 14:30"},
      // 3 working days from a Monday morning: the close of Thursday.
      {At(2026, 11, 23, 10, 0), {LimitUnit::kWorkingDays, 3}, "2026-11-26 17:30"},
      // The eve of 国庆 (1–7 October): 1 working day from Wednesday 2026-09-30 is Thursday the 8th.
      {At(2026, 9, 30, 16, 0), {LimitUnit::kWorkingDays, 1}, "2026-10-08 17:30"},
      // Calendar hours ignore the calendar.
      {At(2026, 11, 21, 23, 0), {LimitUnit::kCalendarHours, 2}, "2026-11-22 01:00"},
      {At(2026, 11, 21, 23, 0), {LimitUnit::kCalendarHours, 0.5}, "2026-11-21 23:30"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<absl::Time> due = DueAfter(Standard(), c.start, c.limit);
    REQUIRE(due.ok());
    CHECK(Local(*due) == c.due);
  }
}

TEST_CASE("the warning falls at its share of the working time", "[supervision]") {
  // Monday 09:00 to Monday 17:30 is 7 working hours; 80% is 5 h 36 min: 3 h before lunch, then
  // 2 h 36 min from 13:30.
  auto warn = WarnAt(Standard(), At(2026, 11, 23, 9, 0), At(2026, 11, 23, 17, 30), 0.8);
  REQUIRE(warn.ok());
  REQUIRE(warn->has_value());
  CHECK(Local(**warn) == "2026-11-23 16:06");
  auto none = WarnAt(Standard(), At(2026, 11, 23, 9, 0), At(2026, 11, 23, 17, 30), 0);
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
  // A span with no working time at all (Saturday night): on the wall clock.
  auto night = WarnAt(Standard(), At(2026, 11, 21, 22, 0), At(2026, 11, 21, 23, 0), 0.5);
  REQUIRE(night.ok());
  CHECK(Local(**night) == "2026-11-21 22:30");
}

TEST_CASE("the ladder climbs one rung at a time", "[supervision]") {
  const Rungs rungs{{LimitUnit::kWorkingDays, 1}, {LimitUnit::kWorkingDays, 6}};
  const absl::Time warn = At(2026, 11, 23, 15, 6), due = At(2026, 11, 23, 17, 30);
  struct Case {
    ClockKind kind;
    Step last;
    std::optional<Step> next;
    std::string at;
  };
  const std::vector<Case> cases = {
      {ClockKind::kHandling, Step::kNone, Step::kWarning, "2026-11-23 15:06"},
      {ClockKind::kHandling, Step::kWarning, Step::kOverdue, "2026-11-23 17:30"},
      // Urging the working day after the due day; escalation 6 working days after it.
      {ClockKind::kHandling, Step::kOverdue, Step::kUrging, "2026-11-24 17:30"},
      {ClockKind::kHandling, Step::kUrging, Step::kEscalation, "2026-12-01 17:30"},
      {ClockKind::kHandling, Step::kEscalation, std::nullopt, ""},
      // Sign-for and co-reply clocks stop at the overdue notice.
      {ClockKind::kSignFor, Step::kNone, Step::kWarning, "2026-11-23 15:06"},
      {ClockKind::kSignFor, Step::kOverdue, std::nullopt, ""},
      {ClockKind::kCoReply, Step::kOverdue, std::nullopt, ""},
      // A retention clock fires once, at its end.
      {ClockKind::kRetention, Step::kNone, Step::kOverdue, "2026-11-23 17:30"},
      {ClockKind::kRetention, Step::kOverdue, std::nullopt, ""},
  };
  for (const Case& c : cases) {
    auto next = NextRung(Standard(), c.kind, c.last, warn, due, rungs);
    REQUIRE(next.ok());
    INFO("kind " << static_cast<int>(c.kind) << " after " << static_cast<int>(c.last));
    REQUIRE(next->has_value() == c.next.has_value());
    if (c.next) {
      CHECK((*next)->step == *c.next);
      CHECK(Local((*next)->at) == c.at);
    }
  }
  // No warning point: straight to overdue. No urging rung: escalation follows overdue.
  auto no_warning =
      NextRung(Standard(), ClockKind::kHandling, Step::kNone, std::nullopt, due, rungs);
  REQUIRE(no_warning.ok());
  CHECK((*no_warning)->step == Step::kOverdue);
  auto no_urging = NextRung(Standard(), ClockKind::kHandling, Step::kOverdue, warn, due,
                            Rungs{{LimitUnit::kWorkingDays, 0}, {LimitUnit::kWorkingDays, 6}});
  REQUIRE(no_urging.ok());
  CHECK((*no_urging)->step == Step::kEscalation);
}

TEST_CASE("a pause moves times by the working time it took", "[supervision]") {
  struct Case {
    LimitUnit unit;
    absl::Time t, paused, resumed;
    std::string shifted;
  };
  const std::vector<Case> cases = {
      // Paused Friday 16:00 to Monday 10:00: 1.5 h Friday + 1 h Monday of working time.
      {LimitUnit::kWorkingHours, At(2026, 11, 24, 12, 0), At(2026, 11, 20, 16, 0),
       At(2026, 11, 23, 10, 0), "2026-11-24 16:00"},
      // Paused over a weekend only: nothing moves.
      {LimitUnit::kWorkingDays, At(2026, 11, 24, 17, 30), At(2026, 11, 21, 9, 0),
       At(2026, 11, 22, 18, 0), "2026-11-24 17:30"},
      // Calendar-hour limits move by the wall clock.
      {LimitUnit::kCalendarHours, At(2026, 11, 24, 12, 0), At(2026, 11, 21, 9, 0),
       At(2026, 11, 21, 10, 30), "2026-11-24 13:30"},
      // Resumed before it paused (a replay): unchanged.
      {LimitUnit::kWorkingHours, At(2026, 11, 24, 12, 0), At(2026, 11, 23, 10, 0),
       At(2026, 11, 23, 9, 0), "2026-11-24 12:00"},
  };
  for (const Case& c : cases) {
    auto shifted = ShiftByPause(Standard(), c.unit, c.t, c.paused, c.resumed);
    REQUIRE(shifted.ok());
    CHECK(Local(*shifted) == c.shifted);
  }
}

}  // namespace
}  // namespace hotline::supervision
