// Lateness from supervision's real ladder on its controllable clock: a lead that signs after its
// sign-for limit and replies after its handling limit is counted late for both, against itself.
#include <catch2/catch.hpp>

#include "tests/e2e/reporting/reporting_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::reporting::testing {
namespace {

namespace v1 = hotline::reporting::v1;
namespace sv = hotline::supervision::v1;
using supervision::testing::Cst;

const std::string kLead = "530102-education";
const std::string kCo = "530102-civil-affairs";

TEST_CASE("Signing and closing late are counted against the lead unit", "[reporting]") {
  ReportingFixture f;
  f.desk().SetClock(Saturday());
  const std::string late = f.Submit("education/fees", "530102");
  f.desk().WaitForClocks(late, 4);
  // 4 working hours to sign from Monday 09:00: due 14:30. Both parts go overdue unsigned.
  f.desk().SetClock(Cst(2026, 12, 7, 14, 31));
  REQUIRE(f.desk().WaitForSteps(late, 4));
  REQUIRE(f.desk().Sign(late, kLead).ok());
  REQUIRE(f.desk().Sign(late, kCo).ok());
  REQUIRE(f.desk().Reply(late, kCo).ok());
  // The handling limit (15 working days) passes before the lead replies.
  f.desk().SetClock(Cst(2026, 12, 25, 17, 31));
  bool overdue = false;
  REQUIRE(::hotline::testing::PollUntil(absl::Seconds(20), [&] {
    for (const sv::DeadlineStep& s : f.desk().Steps(late)) {
      overdue |=
          s.clock().kind() == sv::CLOCK_KIND_HANDLING && s.step() == sv::ESCALATION_STEP_OVERDUE;
    }
    return overdue;
  }));
  f.ReplyAndApprove(late, kLead);
  f.WaitForRollups();

  v1::GetIndicatorsResponse by_unit;
  grpc::Status status = f.Indicators(f.reporting_53, {v1::DIMENSION_UNIT}, "", &by_unit);
  INFO(status.error_message());
  REQUIRE(status.ok());
  auto lead = ReportingFixture::Row(by_unit, {kLead});
  CHECK(lead["signed_on_time_rate"].numerator() == 0);
  CHECK(lead["signed_on_time_rate"].denominator() == 1);
  CHECK(lead["sign_overdue"].value() == 1);
  CHECK(lead["overdue"].value() == 1);
  CHECK(lead["closed"].value() == 1);
  CHECK(lead["completed_on_time_rate"].numerator() == 0);
  CHECK(lead["completed_on_time_rate"].denominator() == 1);
  CHECK(lead["warned"].value() >= 2);  // the sign-for and the handling clocks' warnings
  auto co = ReportingFixture::Row(by_unit, {kCo});
  CHECK(co["sign_overdue"].value() == 1);
}

}  // namespace
}  // namespace hotline::reporting::testing
