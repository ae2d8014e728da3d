// GetIndicators on real PostgreSQL after a scripted set of tickets' events: exact figures at the
// province, prefecture and county tiers, by unit and kind, for minors, against the previous
// period; redelivered events change nothing.
#include <catch2/catch.hpp>

#include "tests/integration/reporting/rollups_fixture.h"

namespace hotline::reporting {
namespace {

namespace common = hotline::common::v1;

std::map<std::string, IndicatorCell> Row(const IndicatorReport& report,
                                         const std::vector<std::string>& key) {
  for (const ReportRow& row : report.rows) {
    if (row.key != key) continue;
    std::map<std::string, IndicatorCell> cells;
    for (size_t i = 0; i < row.cells.size(); ++i) {
      cells[report.definitions[i].code] = row.cells[i];
    }
    return cells;
  }
  FAIL("no row for the key");
  return {};
}

double Value(const IndicatorCell& cell) {
  REQUIRE(cell.current.value.has_value());
  return *cell.current.value;
}

TEST_CASE("Province figures of a scripted period, with the previous period beside them") {
  Fixture f;
  f.Script();
  const IndicatorReport report = f.Get({});
  CHECK(report.catalogue_version == 1);
  CHECK(report.definitions.size() == 36);
  REQUIRE(report.previous_from == absl::CivilDay(2026, 11, 29));
  REQUIRE(report.rows.size() == 1);
  auto v = Row(report, {});
  CHECK(Value(v["received"]) == 4);
  CHECK(*v["received"].previous->value == 1);
  CHECK(Value(v["accepted"]) == 3);
  CHECK(Value(v["not_accepted"]) == 1);
  REQUIRE(v["not_accepted"].current.details.size() == 1);
  CHECK(v["not_accepted"].current.details[0].first == "scope.litigation");
  CHECK(Value(v["answered_directly"]) == 1);
  CHECK(Value(v["emergency_referrals"]) == 1);
  CHECK(Value(v["emergency_child_chain"]) == 1);
  CHECK(Value(v["dispatched"]) == 2);
  CHECK(*v["dispatched"].previous->value == 1);
  CHECK(v["signed_on_time_rate"].current.numerator == 1);
  CHECK(v["signed_on_time_rate"].current.denominator == 2);
  CHECK(*v["signed_on_time_rate"].previous->value == 1.0);
  CHECK(Value(v["replied"]) == 2);
  CHECK(Value(v["closed"]) == 2);
  CHECK(Value(v["completed_on_time_rate"]) == 0.5);
  CHECK(Value(v["overdue"]) == 1);
  CHECK(Value(v["sign_overdue"]) == 1);
  CHECK(Value(v["reopened"]) == 1);
  CHECK(Value(v["reopen_rate"]) == 0.5);
  CHECK(Value(v["follow_up_rate"]) == Approx(2.0 / 3));
  CHECK(Value(v["satisfaction_rate"]) == 0.5);
  CHECK(Value(v["satisfied"]) == 1);
  CHECK(Value(v["dissatisfied"]) == 1);
  CHECK(Value(v["resolved_rate"]) == 0.5);
  // T1: 8 working hours; T5: Mon 10:00 → Tue 15:00 = 2 + 4 + 3 + 1.5 = 10.5.
  CHECK(Value(v["handling_hours_avg"]) == Approx(9.25));
  CHECK(Value(v["handling_hours_p90"]) == Approx(15.2));
  CHECK(Value(v["open_at_end"]) == 2);
  CHECK(*v["open_at_end"].previous->value == 1);
  CHECK_FALSE(v["satisfaction_rate"].previous->value.has_value());
}

TEST_CASE("Prefecture and county tiers are sums over the region prefix") {
  Fixture f;
  f.Script();
  const IndicatorReport by_prefecture = f.Get({GroupBy::kPrefecture});
  REQUIRE(by_prefecture.rows.size() == 2);
  auto kunming = Row(by_prefecture, {"5301"});
  auto qujing = Row(by_prefecture, {"5303"});
  CHECK(Value(kunming["received"]) == 3);
  CHECK(Value(kunming["open_at_end"]) == 1);
  CHECK(Value(kunming["closed"]) == 2);
  CHECK(Value(qujing["received"]) == 1);
  CHECK(Value(qujing["open_at_end"]) == 1);
  CHECK(Value(qujing["signed_on_time_rate"]) == 0);
  CHECK(Value(qujing["emergency_child_chain"]) == 1);

  const IndicatorReport by_county = f.Get({GroupBy::kCounty}, {.region_prefix = "5301"});
  REQUIRE(by_county.rows.size() == 2);
  CHECK(Value(Row(by_county, {"530102"})["received"]) == 2);
  CHECK(Value(Row(by_county, {"530103"})["not_accepted"]) == 1);
}

TEST_CASE("Grouping by unit and kind, and the minors-only filter") {
  Fixture f;
  f.Script();
  const IndicatorReport by_unit = f.Get({GroupBy::kUnit, GroupBy::kKind});
  auto a = Row(by_unit, {"unit-a", std::to_string(common::TICKET_KIND_COMPLAINT)});
  CHECK(Value(a["closed"]) == 2);
  CHECK(Value(a["completed_on_time_rate"]) == 0.5);
  CHECK(Value(a["open_at_end"]) == 1);
  auto b = Row(by_unit, {"unit-b", std::to_string(common::TICKET_KIND_HELP)});
  CHECK(Value(b["open_at_end"]) == 1);
  CHECK(Value(b["sign_overdue"]) == 1);

  const IndicatorReport minors = f.Get({}, {.minors_only = true});
  auto m = Row(minors, {});
  CHECK(Value(m["received"]) == 1);
  CHECK(Value(m["emergency_referrals"]) == 1);
  const IndicatorReport category = f.Get({GroupBy::kCategory}, {.category = "minor-protection"});
  REQUIRE(category.rows.size() == 1);
  CHECK(category.rows[0].key[0] == "minor-protection/abuse");
}

TEST_CASE("Redelivered events change nothing") {
  Fixture f;
  f.Script();
  const int64_t rows_before = f.db.Count("SELECT count(*) FROM reporting_counts");
  const std::string sums_before = f.db.Text(
      "SELECT string_agg(counter || ':' || amount, ',' ORDER BY day, region_code, "
      "unit_id, counter, detail) FROM reporting_counts");
  for (const common::EventEnvelope& e : std::vector<common::EventEnvelope>(f.events)) f.Apply(e);
  CHECK(f.db.Count("SELECT count(*) FROM reporting_counts") == rows_before);
  CHECK(f.db.Text("SELECT string_agg(counter || ':' || amount, ',' ORDER BY day, region_code, "
                  "unit_id, counter, detail) FROM reporting_counts") == sums_before);
  CHECK(Value(Row(f.Get({}), {})["received"]) == 4);
}

TEST_CASE("An event of a ticket reporting never saw created starts from the ticket core") {
  Fixture f;
  common::Ticket draft = support::SampleTicketDraft();  // 530102, phone, 12345, complaint
  const ticketstore::TicketStore& core = f.tickets;
  auto ticket = f.transactions.RunFor<common::Ticket>(
      [&](Transaction& tx) { return core.Create(tx, draft, support::SampleActor("t")); });
  REQUIRE(ticket.ok());
  EventScript s(ticket->id(), At(2026, 12, 1, 9, 0));
  (void)s.Created("530102", "ignored");  // version 1, consumed before reporting existed
  f.Apply(s.State(kReceived, common::TICKET_STATE_NOT_ACCEPTED, "scope.petition"));
  auto v = Row(f.Get({GroupBy::kCounty, GroupBy::kCategory}, {}, false),
               {"530102", "public-utilities/water"});
  CHECK(Value(v["not_accepted"]) == 1);
  CHECK(Value(v["received"]) == 0);
  CHECK(Value(v["open_at_end"]) == 0);
}

TEST_CASE("An indicator the catalogue does not have is INVALID_ARGUMENT") {
  Fixture f;
  IndicatorQuery q;
  q.from = q.to = absl::CivilDay(2026, 12, 1);
  q.indicators = {"received", "happiness"};
  absl::StatusOr<IndicatorReport> report = f.queries.Get(q);
  REQUIRE(report.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(report.status().message() == "indicators: catalogue version 1 has no indicator happiness");
  q.indicators = {"satisfaction_rate"};
  report = f.queries.Get(q);
  REQUIRE(report.ok());
  CHECK(report->definitions.size() == 1);
  CHECK(report->rows.empty());
}

}  // namespace
}  // namespace hotline::reporting
