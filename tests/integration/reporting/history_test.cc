// What reads or keeps the history on real PostgreSQL: a rebuild equals the live rollups, the
// rollup status, and the minors' report frozen and read back byte for byte.
#include <catch2/catch.hpp>

#include "tests/integration/reporting/rollups_fixture.h"

namespace hotline::reporting {
namespace {

namespace common = hotline::common::v1;

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

TEST_CASE("A read's events applied at once give what they give one by one") {
  Fixture one;
  one.Script();
  const std::string progress =
      "SELECT string_agg(stream_partition || '@' || last_event_at, ',' ORDER BY stream_partition) "
      "FROM reporting_rollup_progress";
  Fixture many;
  // Reads of 7: a ticket's events fall in one read or across two, as on the stream.
  for (size_t start = 0; start < one.events.size(); start += 7) {
    std::vector<const common::EventEnvelope*> read;
    for (size_t i = start; i < std::min(one.events.size(), start + 7); ++i) {
      read.push_back(&one.events[i]);
    }
    REQUIRE(
        many.transactions.Run([&](Transaction& tx) { return many.keeper->ApplyBatch(tx, read); })
            .ok());
  }
  CHECK(many.Tables() == one.Tables());
  CHECK(many.db.Text(progress) == one.db.Text(progress));
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

}  // namespace
}  // namespace hotline::reporting
