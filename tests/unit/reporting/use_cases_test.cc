// The use cases' branching over in-memory stores: the rollup keeper (ticket core fallback,
// progress, errors that write nothing), the rebuild (equal to the live rollups across batches,
// rows the history does not explain gone), the rollup status, and GetIndicators' periods.
#include <catch2/catch.hpp>

#include "libs/ticketstore/ticket_row.h"
#include "services/reporting/app/indicator_queries.h"
#include "services/reporting/app/minor_report.h"
#include "services/reporting/app/rollup_keeper.h"
#include "services/reporting/app/rollup_rebuilder.h"
#include "services/reporting/app/rollup_status.h"
#include "tests/support/fake_ticket_store.h"
#include "tests/unit/reporting/event_script.h"
#include "tests/unit/reporting/fake_reporting_stores.h"

namespace hotline::reporting {
namespace {

namespace common = hotline::common::v1;

absl::TimeZone Shanghai() {
  absl::TimeZone zone;
  REQUIRE(absl::LoadTimeZone("Asia/Shanghai", &zone));
  return zone;
}

absl::Time At(int y, int mo, int d, int h, int mi = 0) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), Shanghai());
}

struct World {
  World() : tickets("5301", clock), tables(facts, counts) {
    runner.Track(facts);
    runner.Track(counts);
    runner.Track(tables);
    runner.Track(tickets);
  }

  RollupStores stores() { return {facts, counts, tables, tickets}; }
  absl::Status Apply(const common::EventEnvelope& e) {
    RollupKeeper keeper(stores(), {Shanghai(), nullptr}, 4);
    return runner.Run([&](Transaction& tx) { return keeper.Apply(tx, e); });
  }
  int64_t Total(Counter c) const {
    int64_t total = 0;
    for (const Delta& d : counts.deltas) total += d.counter == c ? d.amount : 0;
    return total;
  }

  FakeClock clock{At(2026, 12, 3, 9)};
  testing::FakeTicketStore tickets;
  FakeTicketFactsStore facts;
  FakeCounterStore counts;
  FakeRollupTables tables;
  FakeEventHistory history;
  testing::FakeTransactionRunner runner;
};

// A refused ticket and a dispatched one, both in the history and applied live.
void TwoTickets(World& w) {
  EventScript a(5, At(2026, 12, 1, 9));
  EventScript b(6, At(2026, 12, 1, 10));
  for (const common::EventEnvelope& e :
       {a.Created("530102", "urban/roads"), b.Created("530103", "education/fees", true),
        a.State(common::TICKET_STATE_RECEIVED, common::TICKET_STATE_NOT_ACCEPTED, "scope.x"),
        b.State(common::TICKET_STATE_RECEIVED, common::TICKET_STATE_PENDING_DISPATCH),
        b.Dispatched("530103-education", 60)}) {
    w.history.events.push_back(e);
    REQUIRE(w.Apply(e).ok());
  }
}

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
    RollupRebuilder rebuilder(w.runner, w.stores(), w.history, {Shanghai(), nullptr}, batch);
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
  RollupRebuilder rebuilder(w.runner, w.stores(), w.history, {Shanghai(), nullptr});
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

// The catalogue the minors' report reads: its totals and the volume.
FakeCatalogueStore MinorsCatalogue() {
  FakeCatalogueStore catalogue;
  Catalogue c{1, absl::CivilDay(2000, 1, 1), "standard", {}};
  const std::vector<std::pair<const char*, Counter>> counts = {
      {"received", Counter::kReceived},
      {"accepted", Counter::kAccepted},
      {"not_accepted", Counter::kNotAccepted},
      {"emergency_referrals", Counter::kEmergencyReferred},
      {"emergency_child_chain", Counter::kEmergencyChildChain},
      {"dispatched", Counter::kDispatched},
      {"closed", Counter::kClosed},
      {"overdue", Counter::kOverdue}};
  for (const auto& [code, counter] : counts) {
    IndicatorDef d;
    d.code = code;
    d.numerator = {counter};
    c.indicators.push_back(d);
  }
  for (const char* code : {"signed_on_time_rate", "completed_on_time_rate", "follow_up_rate",
                           "satisfaction_rate", "resolved_rate"}) {
    IndicatorDef d;
    d.code = code;
    d.kind = IndicatorKind::kRatio;
    d.numerator = {Counter::kClosedOnTime};
    d.denominator = {Counter::kClosed};
    c.indicators.push_back(d);
  }
  IndicatorDef avg;
  avg.code = "handling_hours_avg";
  avg.kind = IndicatorKind::kAverage;
  avg.numerator = {Counter::kHandlingSeconds};
  avg.denominator = {Counter::kHandled};
  avg.parameter = 3600;
  IndicatorDef p90 = avg;
  p90.code = "handling_hours_p90";
  p90.kind = IndicatorKind::kPercentile;
  p90.numerator = {Counter::kHandlingBucket};
  p90.denominator = {};
  p90.parameter = 0.9;
  IndicatorDef open;
  open.code = "open_at_end";
  open.kind = IndicatorKind::kStock;
  open.numerator = {Counter::kOpen};
  c.indicators.insert(c.indicators.end(), {avg, p90, open});
  catalogue.versions = {c};
  return catalogue;
}

// Three minors' tickets in December: two in Panlong (a help request and a report), one in Wuhua.
void MinorsTickets(World& w) {
  int id = 20;
  for (const auto& [region, kind] :
       std::vector<std::pair<std::string, int>>{{"530103", common::TICKET_KIND_HELP},
                                                {"530103", common::TICKET_KIND_REPORT},
                                                {"530102", common::TICKET_KIND_HELP}}) {
    EventScript s(id++, At(2026, 12, 10, 9));
    REQUIRE(w.Apply(s.Created(region, "minor-protection/abuse", true, 1, 3, kind)).ok());
  }
  EventScript adult(30, At(2026, 12, 10, 9));
  REQUIRE(w.Apply(adult.Created("530103", "urban/roads")).ok());
}

std::map<std::pair<std::string, std::string>, PublishedRow> ByKey(const MinorReport& r,
                                                                  const std::string& code) {
  std::map<std::pair<std::string, std::string>, PublishedRow> rows;
  for (const PublishedRow& row : r.rows) {
    if (row.code == code) rows[{row.section, row.key}] = row;
  }
  return rows;
}

TEST_CASE("The minors' report: minors only, small counts withheld, live while the month runs") {
  World w;
  MinorsTickets(w);
  FakeCatalogueStore catalogue = MinorsCatalogue();
  FakeFrozenReportStore frozen;
  w.runner.Track(frozen);
  IndicatorQueries queries(w.runner, w.counts, catalogue);
  w.clock.Set(At(2026, 12, 20, 9));
  MinorReports reports(w.runner, queries, frozen, w.clock, Shanghai(), 2);

  absl::StatusOr<MinorReport> live = reports.Get({absl::CivilDay(2026, 12, 1), "5301"});
  REQUIRE(live.ok());
  CHECK_FALSE(live->frozen_at.has_value());
  CHECK(frozen.reports.empty());
  CHECK(live->suppression_threshold == 2);
  CHECK(live->digest.size() == 64);
  auto received = ByKey(*live, "received");
  CHECK(*received[{"total", ""}].value == 3);
  CHECK(*received[{"kind", "2"}].value == 2);
  CHECK(received[{"kind", "4"}].suppressed);  // one report: withheld
  CHECK(*received[{"line", "3"}].value == 3);
  CHECK(received.count({"category", "urban/roads"}) == 0);
  CHECK(*ByKey(*live, "open_at_end")[{"total", ""}].value == 3);
  CHECK(ByKey(*live, "closed")[{"total", ""}].value == 0);
  CHECK_FALSE(ByKey(*live, "satisfaction_rate")[{"total", ""}].suppressed);

  absl::StatusOr<MinorReport> panlong = reports.Get({absl::CivilDay(2026, 12, 1), "530103"});
  REQUIRE(panlong.ok());
  CHECK(*ByKey(*panlong, "received")[{"total", ""}].value == 2);
}

TEST_CASE("The minors' report is frozen once the month ended, and later events leave it be") {
  World w;
  MinorsTickets(w);
  FakeCatalogueStore catalogue = MinorsCatalogue();
  FakeFrozenReportStore frozen;
  w.runner.Track(frozen);
  IndicatorQueries queries(w.runner, w.counts, catalogue);
  w.clock.Set(At(2027, 1, 4, 9));
  MinorReports reports(w.runner, queries, frozen, w.clock, Shanghai(), 2);

  absl::StatusOr<MinorReport> first = reports.Get({absl::CivilDay(2026, 12, 1), "5301"});
  REQUIRE(first.ok());
  REQUIRE(first->frozen_at.has_value());
  CHECK(*first->frozen_at == At(2027, 1, 4, 9));
  REQUIRE(frozen.reports.size() == 1);

  // An event of December applied late (the consumer was behind): the live figures change...
  EventScript late(40, At(2026, 12, 31, 23));
  REQUIRE(w.Apply(late.Created("530102", "minor-protection/abuse", true, 1, 3, 2)).ok());
  IndicatorQuery q;
  q.from = absl::CivilDay(2026, 12, 1);
  q.to = absl::CivilDay(2026, 12, 31);
  q.filter.minors_only = true;
  q.indicators = {"received"};
  CHECK(*queries.Get(q)->rows[0].cells[0].current.value == 4);
  // ...the handed-over report does not.
  w.clock.Set(At(2027, 2, 1, 9));
  absl::StatusOr<MinorReport> again = reports.Get({absl::CivilDay(2026, 12, 1), "5301"});
  REQUIRE(again.ok());
  CHECK(again->digest == first->digest);
  CHECK(*again->frozen_at == *first->frozen_at);
  CHECK(PublishedCsv(again->rows) == PublishedCsv(first->rows));
  CHECK(*ByKey(*again, "received")[{"total", ""}].value == 3);
  CHECK(frozen.reports.size() == 1);
}

}  // namespace
}  // namespace hotline::reporting
