// The drift check on real PostgreSQL: a sample of a day's live cells against their recomputation
// from the event history; a corrupted cell is seen, in GetRollupStatus' view and on /metrics.
#include <prometheus/registry.h>

#include <catch2/catch.hpp>

#include "services/reporting/app/drift_check.h"
#include "services/reporting/app/drift_watch.h"
#include "services/reporting/store/pg_drift_store.h"
#include "tests/integration/reporting/rollups_fixture.h"

namespace hotline::reporting {
namespace {

double GaugeValue(prometheus::Registry& registry, const std::string& name) {
  for (const prometheus::MetricFamily& family : registry.Collect()) {
    if (family.name == name && !family.metric.empty()) return family.metric[0].gauge.value;
  }
  FAIL("no gauge " << name);
  return -1;
}

struct DriftFixture : Fixture {
  PgDriftStore drift_store;
  DriftCheck drift{transactions, drift_store, history, tickets, working, Shanghai()};
  RollupStatusQuery status{transactions, tables, history, clock, &drift};
};

TEST_CASE("The drift check finds no drift in live rollups, and a corrupted cell") {
  DriftFixture f;
  f.Script();
  absl::StatusOr<DriftResult> clean = f.drift.Check(absl::CivilDay(2026, 12, 1), 100, 1);
  REQUIRE(clean.ok());
  CHECK(clean->cells_checked >= 5);
  CHECK(clean->mismatches == 0);
  absl::StatusOr<DriftResult> next_day = f.drift.Check(absl::CivilDay(2026, 12, 2), 100, 2);
  REQUIRE(next_day.ok());
  CHECK(next_day->cells_checked == 2);  // unit-a's roads cell (t1, t5) and t4's
  CHECK(next_day->mismatches == 0);

  // One count of one cell changed by hand (the refused ticket's receipt, counter 1).
  REQUIRE(f.db.Count("UPDATE reporting_counts SET amount = amount + 1 WHERE day = '2026-12-01' "
                     "AND region_code = '530103' AND counter = 1 RETURNING 1") == 1);
  absl::StatusOr<DriftResult> drifted = f.drift.Check(absl::CivilDay(2026, 12, 1), 100, 3);
  REQUIRE(drifted.ok());
  CHECK(drifted->mismatches == 1);
  CHECK(drifted->cells_checked == clean->cells_checked);

  absl::StatusOr<RollupStatusView> view = f.status.Get();
  REQUIRE(view.ok());
  REQUIRE(view->drift.has_value());
  CHECK(view->drift->mismatches == 1);
  CHECK(view->drift->day == absl::CivilDay(2026, 12, 1));

  // A rebuild repairs it.
  REQUIRE(f.rebuilder->Rebuild().ok());
  absl::StatusOr<DriftResult> repaired = f.drift.Check(absl::CivilDay(2026, 12, 1), 100, 4);
  REQUIRE(repaired.ok());
  CHECK(repaired->mismatches == 0);
}

TEST_CASE("The drift watch checks the day before the newest applied event and exports it") {
  DriftFixture f;
  f.Script();  // the newest event applied is on 2026-12-02
  prometheus::Registry registry;
  DriftWatch watch(f.drift, f.status, Shanghai(), {/*cells=*/100, /*days=*/1}, registry);
  CHECK(GaugeValue(registry, "hotline_reporting_drift_cells") == 0);
  REQUIRE(watch.RunOnce().ok());
  CHECK(GaugeValue(registry, "hotline_reporting_drift_cells") == 0);
  CHECK(GaugeValue(registry, "hotline_reporting_drift_checked_cells") >= 5);

  REQUIRE(f.db.Count("DELETE FROM reporting_counts WHERE day = '2026-12-01' AND counter = 1 AND "
                     "region_code = '530302' RETURNING 1") == 1);
  REQUIRE(watch.RunOnce().ok());
  CHECK(GaugeValue(registry, "hotline_reporting_drift_cells") == 1);
  REQUIRE(f.drift.Last().has_value());
  CHECK(f.drift.Last()->day == absl::CivilDay(2026, 12, 1));
}

}  // namespace
}  // namespace hotline::reporting
