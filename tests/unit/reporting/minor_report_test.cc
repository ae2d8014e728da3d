// The monthly minors' report over in-memory stores: minors only, small counts withheld, live
// while the month runs, frozen once it ended whatever comes later.
#include "services/reporting/app/minor_report.h"

#include <catch2/catch.hpp>

#include "services/reporting/app/indicator_queries.h"
#include "tests/unit/reporting/use_case_world.h"

namespace hotline::reporting {
namespace {

namespace common = hotline::common::v1;

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
