// The rollups on real PostgreSQL: a scripted set of tickets' events through the rollup keeper,
// then GetIndicators' exact figures at the province, prefecture and county tiers, by unit, for
// minors, against the previous period; redelivered events change nothing.
#include <catch2/catch.hpp>
#include <map>
#include <pqxx/binarystring>

#include "libs/pg/pg_pool.h"
#include "libs/pg/pg_transaction.h"
#include "libs/service/token_auth.h"
#include "libs/ticketstore/pg_ticket_store.h"
#include "libs/ticketstore/ticket_row.h"
#include "services/reporting/app/indicator_queries.h"
#include "services/reporting/app/minor_report.h"
#include "services/reporting/app/rollup_keeper.h"
#include "services/reporting/app/rollup_rebuilder.h"
#include "services/reporting/app/rollup_status.h"
#include "services/reporting/app/working_calendar.h"
#include "services/reporting/store/pg_stores.h"
#include "tests/support/core/sample_tickets.h"
#include "tests/support/scratch_database.h"
#include "tests/unit/reporting/event_script.h"

namespace hotline::reporting {
namespace {

namespace common = hotline::common::v1;
namespace sv = hotline::supervision::v1;

absl::TimeZone Shanghai() {
  absl::TimeZone zone;
  REQUIRE(absl::LoadTimeZone("Asia/Shanghai", &zone));
  return zone;
}

absl::Time At(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), Shanghai());
}

constexpr int kReceived = common::TICKET_STATE_RECEIVED;
constexpr int kPending = common::TICKET_STATE_PENDING_DISPATCH;
constexpr int kDispatched = common::TICKET_STATE_DISPATCHED;
constexpr int kInProgress = common::TICKET_STATE_IN_PROGRESS;
constexpr int kReplied = common::TICKET_STATE_REPLIED;
constexpr int kClosed = common::TICKET_STATE_CLOSED;

struct Fixture {
  Fixture()
      : pool({.url = db.url(), .size = 2}),
        transactions(pool),
        clock(At(2026, 12, 3, 9, 0)),
        tickets({.instance_id = "5301", .zone = Shanghai(), .stream_partitions = 4}, clock),
        queries(transactions, counts, catalogue) {
    auto cal = LoadWorkingCalendar(transactions, catalogue, absl::CivilDay(2026, 12, 1));
    REQUIRE(cal.ok());
    working = std::make_unique<calendar::BusinessCalendar>(*std::move(cal));
    const DeltaContext context{Shanghai(), working.get()};
    keeper = std::make_unique<RollupKeeper>(stores(), context, 4);
    rebuilder = std::make_unique<RollupRebuilder>(transactions, stores(), history, context,
                                                  /*batch=*/7);
  }

  RollupStores stores() { return {facts, counts, tables, tickets}; }

  // The event as the consumer gets it, and in the ticket core's history as the ticket store
  // writes it (the history is what a rebuild replays).
  void Apply(const common::EventEnvelope& event) {
    REQUIRE(transactions
                .Run([&](Transaction& tx) {
                  pg::Work(tx).exec_params0(
                      "INSERT INTO ticket_events (event_id, ticket_id, ticket_version, type, "
                      "stream_partition, occurred_at, envelope) VALUES ($1::uuid, $2, $3, $4, 0, "
                      "'epoch'::timestamptz + $5 * interval '1 microsecond', $6)",
                      event.event_id(), event.ticket_id(), event.ticket_version(), event.type(),
                      absl::ToUnixMicros(ticketstore::FromTimestamp(event.occurred_at())),
                      pqxx::binarystring(event.SerializeAsString()));
                  return keeper->Apply(tx, event);
                })
                .ok());
    events.push_back(event);
  }

  // Every count and every ticket row, as text, in key order.
  std::string Tables() const {
    return db.Text(
               "SELECT string_agg(concat_ws(':', day, region_code, unit_id, category, kind, "
               "channel, line, involves_minor, counter, detail, amount), ',' ORDER BY day, "
               "region_code, unit_id, category, kind, channel, line, involves_minor, counter, "
               "detail) FROM reporting_counts") +
           "|" +
           db.Text("SELECT string_agg(r::text, ',' ORDER BY ticket_id) FROM reporting_tickets r");
  }

  // The scripted period: Tuesday 2026-12-01 and Wednesday 12-02; the previous is 11-29..11-30.
  void Script() {
    EventScript t1(1, At(2026, 12, 1, 9, 0));  // handled in time, satisfied
    Apply(t1.Created("530102", "urban/roads"));
    Apply(t1.State(kReceived, kPending));
    t1.At(At(2026, 12, 1, 10, 0));
    Apply(t1.Dispatched("unit-a", 10));
    Apply(t1.State(kPending, kDispatched));
    Apply(t1.ClockStarted(sv::CLOCK_KIND_SIGN_FOR, At(2026, 12, 1, 12, 0), 10));
    Apply(t1.ClockStarted(sv::CLOCK_KIND_HANDLING, At(2026, 12, 10, 17, 30)));
    t1.At(At(2026, 12, 1, 10, 30));
    Apply(t1.Signed("unit-a", 10));
    Apply(t1.State(kDispatched, kInProgress));
    t1.At(At(2026, 12, 2, 11, 0));
    Apply(t1.Replied("unit-a"));
    Apply(t1.State(kInProgress, kReplied));
    t1.At(At(2026, 12, 2, 11, 5));
    Apply(t1.State(kReplied, kClosed));
    t1.At(At(2026, 12, 2, 16, 0));
    Apply(t1.FollowedUp(true, sv::SATISFACTION_SATISFIED, true));
    Apply(t1.State(kClosed, common::TICKET_STATE_FOLLOWED_UP));

    EventScript t2(2, At(2026, 12, 1, 9, 30));  // refused
    Apply(t2.Created("530103", "urban/roads", false, common::CHANNEL_WECHAT));
    Apply(t2.State(kReceived, common::TICKET_STATE_NOT_ACCEPTED, "scope.litigation"));

    EventScript t3(3, At(2026, 12, 1, 11, 0));  // a child in danger, signed late, still open
    Apply(t3.Created("530302", "minor-protection/abuse", true, common::CHANNEL_PHONE,
                     common::SOURCE_LINE_12349, common::TICKET_KIND_HELP));
    Apply(t3.State(kReceived, common::TICKET_STATE_EMERGENCY_REFERRED));
    Apply(t3.Emergency(true));
    t3.At(At(2026, 12, 1, 11, 5));
    Apply(t3.Dispatched("unit-b", 30));
    Apply(t3.State(common::TICKET_STATE_EMERGENCY_REFERRED, kDispatched));
    Apply(t3.ClockStarted(sv::CLOCK_KIND_SIGN_FOR, At(2026, 12, 1, 11, 35), 30));
    t3.At(At(2026, 12, 1, 11, 35));
    Apply(t3.Step(sv::ESCALATION_STEP_OVERDUE, sv::CLOCK_KIND_SIGN_FOR, "unit-b", 30));
    t3.At(At(2026, 12, 1, 12, 0));
    Apply(t3.Signed("unit-b", 30));
    Apply(t3.State(kDispatched, kInProgress));

    EventScript t4(4, At(2026, 12, 2, 9, 0));  // answered from the knowledge base
    Apply(t4.Created("530102", "policy/housing", false, common::CHANNEL_WEB,
                     common::SOURCE_LINE_12345, common::TICKET_KIND_CONSULTATION));
    Apply(t4.State(kReceived, common::TICKET_STATE_ANSWERED));

    EventScript t5(5, At(2026, 11, 30, 9, 0));  // from the previous period: late, reopened
    Apply(t5.Created("530102", "urban/roads"));
    Apply(t5.State(kReceived, kPending));
    t5.At(At(2026, 11, 30, 10, 0));
    Apply(t5.Dispatched("unit-a", 50));
    Apply(t5.State(kPending, kDispatched));
    Apply(t5.ClockStarted(sv::CLOCK_KIND_HANDLING, At(2026, 12, 1, 10, 0)));
    t5.At(At(2026, 11, 30, 10, 30));
    Apply(t5.Signed("unit-a", 50));
    Apply(t5.State(kDispatched, kInProgress));
    t5.At(At(2026, 12, 1, 10, 0));
    Apply(t5.Step(sv::ESCALATION_STEP_OVERDUE, sv::CLOCK_KIND_HANDLING, "unit-a"));
    t5.At(At(2026, 12, 1, 15, 0));
    Apply(t5.Replied("unit-a"));
    Apply(t5.State(kInProgress, kReplied));
    t5.At(At(2026, 12, 1, 15, 5));
    Apply(t5.State(kReplied, kClosed));
    t5.At(At(2026, 12, 2, 10, 0));
    Apply(t5.FollowedUp(true, sv::SATISFACTION_DISSATISFIED, false));
    Apply(t5.State(kClosed, common::TICKET_STATE_REOPENED));
  }

  IndicatorReport Get(std::vector<GroupBy> group_by, CellFilter filter = {},
                      bool compare_previous = true) {
    IndicatorQuery q;
    q.from = absl::CivilDay(2026, 12, 1);
    q.to = absl::CivilDay(2026, 12, 2);
    q.filter = std::move(filter);
    q.group_by = std::move(group_by);
    q.compare_previous = compare_previous;
    absl::StatusOr<IndicatorReport> report = queries.Get(q);
    REQUIRE(report.ok());
    return *std::move(report);
  }

  hotline::testing::ScratchDatabase db;
  pg::PgPool pool;
  pg::PgTransactionRunner transactions;
  FakeClock clock;
  ticketstore::PgTicketStore tickets;
  PgTicketFactsStore facts;
  PgCounterStore counts;
  PgCatalogueStore catalogue;
  PgRollupTables tables;
  PgEventHistory history;
  IndicatorQueries queries;
  std::unique_ptr<calendar::BusinessCalendar> working;
  std::unique_ptr<RollupKeeper> keeper;
  std::unique_ptr<RollupRebuilder> rebuilder;
  std::vector<common::EventEnvelope> events;
};

// The figures of one row by indicator code.
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

TEST_CASE("A rebuild from the event history equals the live rollups") {
  Fixture f;
  f.Script();
  const std::string live = f.Tables();
  REQUIRE(live.size() > 100);
  // Live rows the history does not explain are gone after the rebuild.
  f.db.Count(
      "INSERT INTO reporting_counts VALUES ('2026-12-01', '5301', 'ghost', 'x', 0, 0, 0, false, "
      "1, '', 99) RETURNING 1");
  REQUIRE(f.Tables() != live);
  absl::StatusOr<RebuildResult> rebuilt = f.rebuilder->Rebuild();
  REQUIRE(rebuilt.ok());
  CHECK(rebuilt->events_replayed == static_cast<int64_t>(f.events.size()));
  CHECK(rebuilt->tickets == 5);
  CHECK(f.Tables() == live);
  // The consumer redelivering what the rebuild replayed changes nothing.
  for (const common::EventEnvelope& e : std::vector<common::EventEnvelope>(f.events)) {
    REQUIRE(f.transactions.Run([&](Transaction& tx) { return f.keeper->Apply(tx, e); }).ok());
  }
  CHECK(f.Tables() == live);
}

TEST_CASE("The rollup status shows the lag behind the history") {
  Fixture f;
  FakeClock now(At(2026, 12, 3, 9, 0));
  RollupStatusQuery status(f.transactions, f.tables, f.history, now);
  auto empty = status.Get();
  REQUIRE(empty.ok());
  CHECK_FALSE(empty->last_event_at.has_value());
  CHECK(empty->lag == absl::ZeroDuration());

  f.Script();
  auto caught_up = status.Get();
  REQUIRE(caught_up.ok());
  CHECK(caught_up->last_event_at == At(2026, 12, 2, 16, 0));
  CHECK(caught_up->last_applied_at == At(2026, 12, 2, 16, 0));
  CHECK(caught_up->lag == absl::ZeroDuration());

  // An event in the history the consumer has not applied yet.
  EventScript late(9, At(2026, 12, 2, 18, 0));
  const common::EventEnvelope created = late.Created("530102", "urban/roads");
  REQUIRE(f.transactions
              .Run([&](Transaction& tx) {
                pg::Work(tx).exec_params0(
                    "INSERT INTO ticket_events (event_id, ticket_id, ticket_version, type, "
                    "stream_partition, occurred_at, envelope) VALUES ($1::uuid, 9, 1, $2, 0, "
                    "'epoch'::timestamptz + $3 * interval '1 microsecond', '')",
                    created.event_id(), created.type(), absl::ToUnixMicros(At(2026, 12, 2, 18, 0)));
                return absl::OkStatus();
              })
              .ok());
  auto behind = status.Get();
  REQUIRE(behind.ok());
  CHECK(behind->lag == absl::Hours(2));
}

TEST_CASE("The minors' report is frozen in PostgreSQL and read back byte for byte") {
  Fixture f;
  f.Script();
  PgFrozenReportStore frozen;
  FakeClock january(At(2027, 1, 5, 9, 0));
  MinorReports reports(f.transactions, f.queries, frozen, january, Shanghai(), 2);
  absl::StatusOr<MinorReport> first = reports.Get({absl::CivilDay(2026, 12, 1), "53"});
  REQUIRE(first.ok());
  REQUIRE(first->frozen_at == At(2027, 1, 5, 9, 0));
  CHECK(first->catalogue_version == 1);
  CHECK(f.db.Count("SELECT count(*) FROM reporting_frozen_rows") ==
        static_cast<int64_t>(first->rows.size()));
  bool withheld = false;
  for (const PublishedRow& row : first->rows) {
    withheld |= row.code == "emergency_child_chain" && row.suppressed;  // the one child
  }
  CHECK(withheld);

  // A December event the consumer applies late restates December, not the handed-over report.
  EventScript late(6, At(2026, 12, 31, 22, 0));
  f.Apply(late.Created("530102", "minor-protection/neglect", true));
  january.Set(At(2027, 2, 1, 9, 0));
  absl::StatusOr<MinorReport> again = reports.Get({absl::CivilDay(2026, 12, 1), "53"});
  REQUIRE(again.ok());
  CHECK(again->digest == first->digest);
  CHECK(again->frozen_at == first->frozen_at);
  CHECK(PublishedCsv(again->rows) == PublishedCsv(first->rows));
  CHECK(service::Sha256Hex(PublishedCsv(again->rows)) == again->digest);
  IndicatorQuery q;
  q.from = absl::CivilDay(2026, 12, 1);
  q.to = absl::CivilDay(2026, 12, 31);
  q.filter.minors_only = true;
  q.indicators = {"received"};
  CHECK(*f.queries.Get(q)->rows[0].cells[0].current.value == 2);
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
