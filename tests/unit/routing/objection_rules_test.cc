// The objection review's pure rules: the return window in working time on the standard calendar,
// the category's window rule, and the three-failures rule.
#include "services/routing/rules/objection_rules.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "libs/calendar/calendar_text.h"

namespace hotline::routing {
namespace {

const calendar::BusinessCalendar& Standard() {
  static const calendar::BusinessCalendar* cal = [] {
    std::ifstream in(std::string(HOTLINE_SOURCE_DIR) + "/deploy/calendars/standard-2026-2027.txt");
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = calendar::ParseCalendar(text.str());
    REQUIRE(parsed.ok());
    return new calendar::BusinessCalendar(*std::move(parsed));
  }();
  return *cal;
}

absl::Time Local(int y, int mo, int d, int h, int mi) {
  absl::TimeZone zone;
  REQUIRE(absl::LoadTimeZone("Asia/Shanghai", &zone));
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), zone);
}

TEST_CASE("The return window ends with the working day after the dispatch's day") {
  struct Case {
    const char* what;
    absl::Time dispatched;
    int days;
    absl::Time ends;
  };
  const Case cases[] = {
      {"Tuesday morning, 1 day", Local(2026, 3, 10, 10, 0), 1, Local(2026, 3, 11, 17, 30)},
      {"Friday 17:59, 1 day: Monday", Local(2026, 3, 13, 17, 59), 1, Local(2026, 3, 16, 17, 30)},
      {"Friday 17:59, complex (2 days): Tuesday", Local(2026, 3, 13, 17, 59), 2,
       Local(2026, 3, 17, 17, 30)},
      {"Saturday night, 1 day: Monday", Local(2026, 3, 14, 22, 0), 1, Local(2026, 3, 16, 17, 30)},
      {"eve of the Spring Festival holiday: the adjusted working Saturday after it",
       Local(2026, 2, 13, 16, 0), 1, Local(2026, 2, 14, 17, 30)},
      {"the adjusted Saturday itself, 1 day: past the nine holidays", Local(2026, 2, 14, 10, 0), 1,
       Local(2026, 2, 24, 17, 30)},
      {"0 days: the end of the dispatch's working day", Local(2026, 3, 10, 10, 0), 0,
       Local(2026, 3, 10, 17, 30)},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    auto end = ObjectionWindowEnd(Standard(), c.dispatched, c.days);
    REQUIRE(end.ok());
    CHECK(*end == c.ends);
  }
}

TEST_CASE("The longest category prefix decides the window, matching whole words only") {
  const std::vector<ObjectionWindowRule> rules = {
      {"", 1, "standard"}, {"environment", 2, "standard"}, {"environment/noise", 3, "standard"}};
  CHECK(WindowRuleFor(rules, "education/fees")->working_days == 1);
  CHECK(WindowRuleFor(rules, "environment/air")->working_days == 2);
  CHECK(WindowRuleFor(rules, "environment")->working_days == 2);
  CHECK(WindowRuleFor(rules, "environment/noise")->working_days == 3);
  CHECK(WindowRuleFor(rules, "environmental/other")->working_days == 1);
  CHECK(WindowRuleFor({{"environment", 2, "standard"}}, "education/fees") == nullptr);
}

TEST_CASE("The office designates the unit after three failed dispatches, not before") {
  CHECK_FALSE(DesignationDue(0));
  CHECK_FALSE(DesignationDue(2));
  CHECK(DesignationDue(3));
  CHECK(DesignationDue(4));
}

}  // namespace
}  // namespace hotline::routing
