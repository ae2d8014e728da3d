// GetRanking and HotTopics over the seeded catalogue in PostgreSQL, and the business gauges' reads
// of the open tickets, after the scripted tickets.
#include "services/reporting/app/rankings.h"

#include <catch2/catch.hpp>

#include "services/reporting/store/pg_gauge_store.h"
#include "tests/integration/reporting/rollups_fixture.h"

namespace hotline::reporting {
namespace {

namespace common = hotline::common::v1;
namespace supervision = hotline::supervision::v1;

// A ticket of 530102 handled by a county unit that signed for it in time; its script goes on.
EventScript CountyTicket(Fixture& f) {
  EventScript t(6, At(2026, 12, 2, 9, 0));
  f.Apply(t.Created("530102", "urban/roads"));
  f.Apply(t.State(kReceived, kPending));
  f.Apply(t.Dispatched("530102-roads", 60));
  f.Apply(t.State(kPending, kDispatched));
  f.Apply(t.ClockStarted(supervision::CLOCK_KIND_SIGN_FOR, At(2026, 12, 2, 12, 0), 60));
  t.At(At(2026, 12, 2, 9, 30));
  f.Apply(t.Signed("530102-roads", 60));
  f.Apply(t.State(kDispatched, kInProgress));
  return t;
}

TEST_CASE("GetRanking with the default weights of the seeded catalogue") {
  Fixture f;
  f.Script();
  CountyTicket(f);
  Rankings rankings(f.queries);
  RankingQuery q;
  q.from = absl::CivilDay(2026, 12, 1);
  q.to = absl::CivilDay(2026, 12, 2);
  q.filter.region_prefix = "53";
  q.tier_digits = 6;
  absl::StatusOr<Ranking> ranking = rankings.Rank(q);
  REQUIRE(ranking.ok());
  CHECK(ranking->catalogue_version == 1);
  REQUIRE(ranking->weights.size() == 4);
  REQUIRE(ranking->entries.size() == 1);  // unit-a and unit-b carry no division code
  const RankedUnit& unit = ranking->entries[0];
  CHECK(unit.unit_id == "530102-roads");
  CHECK(unit.rank == 1);
  CHECK(unit.score == Approx(100));  // signed 1/1 in time; nothing else to judge it by yet
  REQUIRE(unit.parts.size() == 4);
  CHECK(unit.parts[0].numerator == 1);
  CHECK(unit.parts[0].denominator == 1);
  CHECK_FALSE(unit.parts[1].value.has_value());

  q.weights = {{"received", 1}};
  CHECK(rankings.Rank(q).status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("HotTopics: categories and prefectures against the two days before") {
  Fixture f;
  f.Script();
  CountyTicket(f);
  Rankings rankings(f.queries);
  HotTopicsQuery q;
  q.from = absl::CivilDay(2026, 12, 1);
  q.to = absl::CivilDay(2026, 12, 2);
  q.filter.region_prefix = "53";
  absl::StatusOr<HotTopicsReport> hot = rankings.HotTopics(q);
  REQUIRE(hot.ok());
  REQUIRE(hot->lists.size() == 2);
  const std::vector<TopicVolume>& categories = hot->lists[0].topics;
  REQUIRE(categories.size() == 3);
  CHECK(categories[0].value == "urban/roads");  // T1, T2, T6 against T5
  CHECK(categories[0].count == 3);
  CHECK(categories[0].previous_count == 1);
  CHECK(categories[1].value == "minor-protection/abuse");
  CHECK(categories[2].value == "policy/housing");
  CHECK(hot->lists[1].dimension == GroupBy::kPrefecture);
  const std::vector<TopicVolume>& places = hot->lists[1].topics;
  REQUIRE(places.size() == 2);
  CHECK(places[0].value == "5301");
  CHECK(places[0].count == 4);
  CHECK(places[0].previous_count == 1);
  CHECK(places[1].value == "5303");
  CHECK(places[1].count == 1);
}

TEST_CASE("The gauges' reads: open tickets by state, overdue by the lead unit's tier") {
  Fixture f;
  f.Script();
  EventScript t6 = CountyTicket(f);
  // T6's handling clock runs out; T5's went overdue too, but its reopening started a new round.
  f.Apply(t6.ClockStarted(supervision::CLOCK_KIND_HANDLING, At(2026, 12, 2, 17, 0)));
  t6.At(At(2026, 12, 2, 17, 0));
  f.Apply(t6.Step(supervision::ESCALATION_STEP_OVERDUE, supervision::CLOCK_KIND_HANDLING,
                  "530102-roads"));
  PgGaugeStore store;
  std::vector<StateCount> open;
  std::vector<TierCount> overdue;
  REQUIRE(f.transactions
              .Run([&](Transaction& tx) {
                open = store.OpenByState(tx);
                overdue = store.OverdueByTier(tx);
                return absl::OkStatus();
              })
              .ok());
  // T3 and T6 in progress, T5 reopened.
  REQUIRE(open.size() == 2);
  CHECK(open[0].state == kInProgress);
  CHECK(open[0].tickets == 2);
  CHECK(open[1].state == common::TICKET_STATE_REOPENED);
  CHECK(open[1].tickets == 1);
  REQUIRE(overdue.size() == 1);
  CHECK(overdue[0].code_digits == 6);
  CHECK(overdue[0].tickets == 1);
}

}  // namespace
}  // namespace hotline::reporting
