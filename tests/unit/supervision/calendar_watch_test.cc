// The days a calendar's holidays still last, as a gauge, and the warning before they run out.
#include "services/supervision/app/calendar_watch.h"

#include <prometheus/registry.h>

#include <catch2/catch.hpp>

#include "tests/unit/supervision/supervision_world.h"

namespace hotline::supervision {
namespace {

using testing::Cst;
using testing::SupervisionWorld;

// The gauge's value for `calendar`, or -1000 when it has none.
double DaysLeft(prometheus::Registry& registry, const std::string& calendar) {
  for (const prometheus::MetricFamily& family : registry.Collect()) {
    if (family.name != "hotline_calendar_days_left") continue;
    for (const prometheus::ClientMetric& m : family.metric) {
      for (const prometheus::ClientMetric::Label& label : m.label) {
        if (label.name == "calendar" && label.value == calendar) return m.gauge.value;
      }
    }
  }
  return -1000;
}

TEST_CASE("the watch counts the days a calendar's holidays last and warns within the window",
          "[supervision][calendar]") {
  SupervisionWorld world;  // the seed's standard calendar: holidays through 2027
  prometheus::Registry registry;
  absl::TimeZone zone;
  REQUIRE(absl::LoadTimeZone("Asia/Shanghai", &zone));
  CalendarWatch watch(world.ctx, {.warn_within = absl::Hours(24 * 60), .zone = zone}, &registry);

  // 2026-12-07: more than a year left, nothing to warn about.
  CHECK(watch.CheckOnce().empty());
  CHECK(DaysLeft(registry, "standard") == 389);

  world.clock.Set(Cst(2027, 11, 15, 10));
  std::vector<CalendarCoverage> soon = watch.CheckOnce();
  REQUIRE(soon.size() == 1);
  CHECK(soon[0].code == "standard");
  CHECK(soon[0].through == absl::CivilDay(2027, 12, 31));
  CHECK(soon[0].days_left == 46);
  CHECK(DaysLeft(registry, "standard") == 46);

  world.clock.Set(Cst(2028, 1, 2, 10));
  soon = watch.CheckOnce();
  REQUIRE(soon.size() == 1);
  CHECK(soon[0].days_left == -2);
}

}  // namespace
}  // namespace hotline::supervision
