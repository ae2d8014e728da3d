// The business gauges: open tickets by state, overdue by tier, the rollup lag; a state that empties
// reads 0; labels carry states and tiers only.
#include "services/reporting/app/business_gauges.h"

#include <prometheus/registry.h>

#include <catch2/catch.hpp>

#include "services/reporting/rules/gauge_labels.h"
#include "tests/unit/reporting/use_case_world.h"

namespace hotline::reporting {
namespace {

namespace common = hotline::common::v1;

class FakeGaugeStore final : public GaugeStore {
 public:
  std::vector<StateCount> OpenByState(Transaction&) override { return open; }
  std::vector<TierCount> OverdueByTier(Transaction&) override { return overdue; }
  std::vector<StateCount> open;
  std::vector<TierCount> overdue;
};

// name{label="value"} → value, for every gauge in the registry.
std::map<std::string, double> Scrape(prometheus::Registry& registry) {
  std::map<std::string, double> out;
  for (const prometheus::MetricFamily& family : registry.Collect()) {
    for (const prometheus::ClientMetric& m : family.metric) {
      std::string key = family.name;
      for (const prometheus::ClientMetric::Label& l : m.label) {
        key += "{" + l.name + "=" + l.value + "}";
      }
      out[key] = m.gauge.value;
    }
  }
  return out;
}

TEST_CASE("Gauge labels: states by name, tiers by the code's length") {
  CHECK(StateLabel(common::TICKET_STATE_PENDING_DISPATCH) == "pending_dispatch");
  CHECK(StateLabel(999) == "unknown");
  CHECK(TierLabel(6) == "county");
  CHECK(TierLabel(12) == "village");
  CHECK(TierLabel(0) == "none");
  CHECK(TierLabel(5) == "none");
}

TEST_CASE("The business gauges read the levels, and an emptied state reads 0") {
  World w;
  TwoTickets(w);
  EventScript later(7, At(2026, 12, 1, 12));
  w.history.events.push_back(later.Created("5301", "x"));  // not applied: 2 h behind
  RollupStatusQuery status(w.runner, w.tables, w.history, w.clock);
  FakeGaugeStore store;
  store.open = {{common::TICKET_STATE_PENDING_DISPATCH, 3}, {common::TICKET_STATE_IN_PROGRESS, 5}};
  store.overdue = {{6, 2}, {4, 1}, {0, 1}};
  prometheus::Registry registry;
  BusinessGauges gauges(w.runner, store, status, registry);

  REQUIRE(gauges.Refresh().ok());
  std::map<std::string, double> m = Scrape(registry);
  CHECK(m["hotline_reporting_open_tickets{state=pending_dispatch}"] == 3);
  CHECK(m["hotline_reporting_open_tickets{state=in_progress}"] == 5);
  CHECK(m["hotline_reporting_overdue_tickets{tier=county}"] == 2);
  CHECK(m["hotline_reporting_overdue_tickets{tier=prefecture}"] == 1);
  CHECK(m["hotline_reporting_overdue_tickets{tier=none}"] == 1);
  CHECK(m["hotline_reporting_rollup_lag_seconds"] == 7200);
  CHECK(m.size() == 6);

  store.open = {{common::TICKET_STATE_IN_PROGRESS, 4}};
  store.overdue = {};
  REQUIRE(gauges.Refresh().ok());
  m = Scrape(registry);
  CHECK(m["hotline_reporting_open_tickets{state=pending_dispatch}"] == 0);
  CHECK(m["hotline_reporting_open_tickets{state=in_progress}"] == 4);
  CHECK(m["hotline_reporting_overdue_tickets{tier=county}"] == 0);
  CHECK(m.size() == 6);
}

}  // namespace
}  // namespace hotline::reporting
