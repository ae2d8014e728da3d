// The use cases' branching over in-memory stores: the rollup keeper (ticket core fallback,
// progress, errors that write nothing), the rebuild (equal to the live rollups across batches),
// the rollup status, and GetIndicators' periods and catalogue versions.
#include <catch2/catch.hpp>

#include "services/reporting/app/indicator_queries.h"
#include "services/reporting/app/rollup_rebuilder.h"
#include "services/reporting/app/rollup_status.h"
#include "tests/unit/reporting/use_case_world.h"

namespace hotline::reporting {
namespace {

namespace common = hotline::common::v1;

TEST_CASE("The keeper saves the facts, adds the counts and moves the partition's progress") {
  World w;
  TwoTickets(w);
  CHECK(w.facts.rows.size() == 2);
  CHECK(w.facts.rows[6].dims.unit_id == "530103-education");
  CHECK(w.Total(Counter::kReceived) == 2);
  CHECK(w.Total(Counter::kNotAccepted) == 1);
  CHECK(w.Total(Counter::kOpen) == 1);
  // Tickets 5 and 6 of 4 partitions: 1 and 2.
  REQUIRE(w.tables.progress.size() == 2);
  CHECK(w.tables.progress[1] == At(2026, 12, 1, 9));
  CHECK(w.tables.progress[2] == At(2026, 12, 1, 10));
  CHECK(w.runner.commits() == 5);
}

TEST_CASE("An event of a ticket reporting never saw starts from the ticket core") {
  World w;
  common::Ticket t;
  t.mutable_region()->set_code("530103");
  t.set_category("education/fees");
  t.set_kind(common::TICKET_KIND_HELP);
  t.set_state(common::TICKET_STATE_RECEIVED);
  t = w.tickets.Put(t);
  EventScript s(t.id(), At(2026, 12, 1, 9));
  (void)s.Created("ignored", "ignored");
  REQUIRE(w.Apply(s.State(common::TICKET_STATE_RECEIVED, common::TICKET_STATE_ANSWERED)).ok());
  REQUIRE(w.counts.deltas.size() == 2);  // accepted, answered
  CHECK(w.counts.deltas[0].dims.region_code == "530103");
  CHECK(w.counts.deltas[0].dims.kind == common::TICKET_KIND_HELP);
  CHECK(w.Total(Counter::kOpen) == 0);
}

TEST_CASE("A ticket missing from the core is an error and nothing is written") {
  World w;
  EventScript s(77, At(2026, 12, 1, 9));
  (void)s.Created("5301", "x");
  const absl::Status status =
      w.Apply(s.State(common::TICKET_STATE_RECEIVED, common::TICKET_STATE_PENDING_DISPATCH));
  CHECK(status.code() == absl::StatusCode::kNotFound);
  CHECK(w.facts.rows.empty());
  CHECK(w.counts.deltas.empty());
  CHECK(w.tables.progress.empty());
}

TEST_CASE("An event reporting does not count writes nothing, not even progress") {
  World w;
  EventScript s(5, At(2026, 12, 1, 9));
  common::EventEnvelope supplement = s.Created("5301", "x");
  supplement.set_type("intake.supplement_added");
  REQUIRE(w.Apply(supplement).ok());
  CHECK(w.facts.rows.empty());
  CHECK(w.counts.deltas.empty());
  CHECK(w.tables.progress.empty());
}

TEST_CASE("A rebuild replays the history, across batches, into what the keeper had") {
  World w;
  TwoTickets(w);
  const std::map<int64_t, TicketFacts> live_facts = w.facts.rows;
  const int64_t open = w.Total(Counter::kOpen), received = w.Total(Counter::kReceived);
  w.counts.deltas.push_back({absl::CivilDay(2026, 12, 1), {"5301", "ghost"}, Counter::kReceived});
  for (int batch : {1, 2, 100}) {
    RollupRebuilder rebuilder(w.runner, w.stores(), w.history, w.natural_time, batch);
    absl::StatusOr<RebuildResult> result = rebuilder.Rebuild();
    REQUIRE(result.ok());
    CHECK(result->events_replayed == 5);
    CHECK(result->tickets == 2);
    CHECK(w.tables.swapped_in);
    CHECK(w.facts.rows.size() == live_facts.size());
    CHECK(w.facts.rows[6].last_version == live_facts.at(6).last_version);
    CHECK(w.facts.rows[6].dims == live_facts.at(6).dims);
    CHECK(w.Total(Counter::kReceived) == received);
    CHECK(w.Total(Counter::kOpen) == open);
  }
}

TEST_CASE("A rebuild that cannot read a ticket keeps the live rollups") {
  World w;
  TwoTickets(w);
  EventScript orphan(99, At(2026, 12, 1, 11));
  (void)orphan.Created("5301", "x");
  w.history.events.push_back(
      orphan.State(common::TICKET_STATE_RECEIVED, common::TICKET_STATE_PENDING_DISPATCH));
  const size_t deltas = w.counts.deltas.size();
  RollupRebuilder rebuilder(w.runner, w.stores(), w.history, w.natural_time);
  CHECK(rebuilder.Rebuild().status().code() == absl::StatusCode::kNotFound);
  CHECK(w.counts.deltas.size() == deltas);
  CHECK(w.facts.rows.size() == 2);
}

TEST_CASE("The rollup status: the lag behind the newest counted event") {
  World w;
  RollupStatusQuery status(w.runner, w.tables, w.history, w.clock);
  TwoTickets(w);
  auto caught_up = status.Get();
  REQUIRE(caught_up.ok());
  CHECK(caught_up->lag == absl::ZeroDuration());
  EventScript later(7, At(2026, 12, 1, 12));
  w.history.events.push_back(later.Created("5301", "x"));
  auto behind = status.Get();
  REQUIRE(behind.ok());
  CHECK(behind->lag == absl::Hours(2));
  w.tables.progress.clear();
  auto none = status.Get();
  REQUIRE(none.ok());
  CHECK_FALSE(none->last_applied_at.has_value());
  CHECK(none->lag == w.clock.Now() - At(2026, 12, 1, 12));
}

TEST_CASE("GetIndicators: the catalogue of the period's end, the previous period, groups") {
  World w;
  TwoTickets(w);
  FakeCatalogueStore catalogue;
  IndicatorDef received;
  received.code = "received";
  received.kind = IndicatorKind::kCount;
  received.numerator = {Counter::kReceived};
  IndicatorDef open = received;
  open.code = "open_at_end";
  open.kind = IndicatorKind::kStock;
  open.numerator = {Counter::kOpen};
  catalogue.versions = {{1, absl::CivilDay(2000, 1, 1), "standard", {received}},
                        {2, absl::CivilDay(2026, 12, 1), "standard", {received, open}}};
  IndicatorQueries queries(w.runner, w.counts, catalogue);

  IndicatorQuery q;
  q.from = absl::CivilDay(2026, 12, 1);
  q.to = absl::CivilDay(2026, 12, 31);
  q.group_by = {GroupBy::kCounty};
  q.compare_previous = true;
  absl::StatusOr<IndicatorReport> report = queries.Get(q);
  REQUIRE(report.ok());
  CHECK(catalogue.asked.back() == absl::CivilDay(2026, 12, 31));
  CHECK(report->catalogue_version == 2);
  CHECK(report->previous_from == absl::CivilDay(2026, 10, 31));
  CHECK(report->previous_to == absl::CivilDay(2026, 11, 30));
  REQUIRE(report->rows.size() == 2);
  CHECK(report->rows[0].key == std::vector<std::string>{"530102"});
  CHECK(*report->rows[0].cells[0].current.value == 1);
  CHECK(*report->rows[0].cells[1].current.value == 0);
  CHECK(report->rows[0].cells[0].previous->numerator == 0);
  CHECK(report->rows[1].key == std::vector<std::string>{"530103"});
  CHECK(*report->rows[1].cells[1].current.value == 1);

  // Before version 2 took effect: version 1, and a level alone makes no row.
  q.from = q.to = absl::CivilDay(2026, 11, 30);
  report = queries.Get(q);
  REQUIRE(report.ok());
  CHECK(report->catalogue_version == 1);
  CHECK(report->rows.empty());

  q.indicators = {"received", "nope"};
  CHECK(queries.Get(q).status().code() == absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace hotline::reporting
