#pragma once

// The rollups over a scratch PostgreSQL database: the real stores and use cases, and a scripted
// set of five tickets' events (Tuesday 2026-12-01 and Wednesday 12-02, one from the day before).
#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <pqxx/binarystring>
#include <string>
#include <vector>

#include "libs/calendar_table/calendar_cache.h"
#include "libs/calendar_table/pg_calendar_table.h"
#include "libs/common/proto_time.h"
#include "libs/pg/pg_pool.h"
#include "libs/pg/pg_transaction.h"
#include "libs/service/token_auth.h"
#include "libs/ticketstore/pg_ticket_store.h"
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

inline absl::TimeZone Shanghai() {
  absl::TimeZone zone;
  REQUIRE(absl::LoadTimeZone("Asia/Shanghai", &zone));
  return zone;
}

inline absl::Time At(int y, int mo, int d, int h, int mi) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), Shanghai());
}

inline constexpr int kReceived = hotline::common::v1::TICKET_STATE_RECEIVED;
inline constexpr int kPending = hotline::common::v1::TICKET_STATE_PENDING_DISPATCH;
inline constexpr int kDispatched = hotline::common::v1::TICKET_STATE_DISPATCHED;
inline constexpr int kInProgress = hotline::common::v1::TICKET_STATE_IN_PROGRESS;
inline constexpr int kReplied = hotline::common::v1::TICKET_STATE_REPLIED;
inline constexpr int kClosed = hotline::common::v1::TICKET_STATE_CLOSED;

struct Fixture {
  Fixture()
      : pool({.url = db.url(), .size = 2}),
        transactions(pool),
        clock(At(2026, 12, 3, 9, 0)),
        tickets({.instance_id = "5301", .zone = Shanghai(), .stream_partitions = 4},
                crypto::EphemeralCipher(), clock),
        queries(transactions, counts, catalogue),
        calendars(calendar_table),
        working(Shanghai(), catalogue, calendars) {
    keeper = std::make_unique<RollupKeeper>(stores(), working, 4);
    rebuilder = std::make_unique<RollupRebuilder>(transactions, stores(), history, working,
                                                  /*batch=*/7);
  }

  RollupStores stores() { return {facts, counts, tables, tickets}; }

  // The event as the consumer gets it, and in the ticket core's history as the ticket store
  // writes it (the history is what a rebuild replays).
  void Apply(const hotline::common::v1::EventEnvelope& event) {
    REQUIRE(transactions
                .Run([&](Transaction& tx) {
                  pg::Work(tx).exec_params0(
                      "INSERT INTO ticket_events (event_id, ticket_id, ticket_version, type, "
                      "stream_partition, occurred_at, envelope) VALUES ($1::uuid, $2, $3, $4, 0, "
                      "'epoch'::timestamptz + $5 * interval '1 microsecond', $6)",
                      event.event_id(), event.ticket_id(), event.ticket_version(), event.type(),
                      absl::ToUnixMicros(FromTimestamp(event.occurred_at())),
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
    Apply(
        t1.ClockStarted(hotline::supervision::v1::CLOCK_KIND_SIGN_FOR, At(2026, 12, 1, 12, 0), 10));
    Apply(t1.ClockStarted(hotline::supervision::v1::CLOCK_KIND_HANDLING, At(2026, 12, 10, 17, 30)));
    t1.At(At(2026, 12, 1, 10, 30));
    Apply(t1.Signed("unit-a", 10));
    Apply(t1.State(kDispatched, kInProgress));
    t1.At(At(2026, 12, 2, 11, 0));
    Apply(t1.Replied("unit-a"));
    Apply(t1.State(kInProgress, kReplied));
    t1.At(At(2026, 12, 2, 11, 5));
    Apply(t1.State(kReplied, kClosed));
    t1.At(At(2026, 12, 2, 16, 0));
    Apply(t1.FollowedUp(true, hotline::supervision::v1::SATISFACTION_SATISFIED, true));
    Apply(t1.State(kClosed, hotline::common::v1::TICKET_STATE_FOLLOWED_UP));

    EventScript t2(2, At(2026, 12, 1, 9, 30));  // refused
    Apply(t2.Created("530103", "urban/roads", false, hotline::common::v1::CHANNEL_WECHAT));
    Apply(t2.State(kReceived, hotline::common::v1::TICKET_STATE_NOT_ACCEPTED, "scope.litigation"));

    EventScript t3(3, At(2026, 12, 1, 11, 0));  // a child in danger, signed late, still open
    Apply(t3.Created("530302", "minor-protection/abuse", true, hotline::common::v1::CHANNEL_PHONE,
                     hotline::common::v1::SOURCE_LINE_12349,
                     hotline::common::v1::TICKET_KIND_HELP));
    Apply(t3.State(kReceived, hotline::common::v1::TICKET_STATE_EMERGENCY_REFERRED));
    Apply(t3.Emergency(true));
    t3.At(At(2026, 12, 1, 11, 5));
    Apply(t3.Dispatched("unit-b", 30));
    Apply(t3.State(hotline::common::v1::TICKET_STATE_EMERGENCY_REFERRED, kDispatched));
    Apply(t3.ClockStarted(hotline::supervision::v1::CLOCK_KIND_SIGN_FOR, At(2026, 12, 1, 11, 35),
                          30));
    t3.At(At(2026, 12, 1, 11, 35));
    Apply(t3.Step(hotline::supervision::v1::ESCALATION_STEP_OVERDUE,
                  hotline::supervision::v1::CLOCK_KIND_SIGN_FOR, "unit-b", 30));
    t3.At(At(2026, 12, 1, 12, 0));
    Apply(t3.Signed("unit-b", 30));
    Apply(t3.State(kDispatched, kInProgress));

    EventScript t4(4, At(2026, 12, 2, 9, 0));  // answered from the knowledge base
    Apply(t4.Created("530102", "policy/housing", false, hotline::common::v1::CHANNEL_WEB,
                     hotline::common::v1::SOURCE_LINE_12345,
                     hotline::common::v1::TICKET_KIND_CONSULTATION));
    Apply(t4.State(kReceived, hotline::common::v1::TICKET_STATE_ANSWERED));

    EventScript t5(5, At(2026, 11, 30, 9, 0));  // from the previous period: late, reopened
    Apply(t5.Created("530102", "urban/roads"));
    Apply(t5.State(kReceived, kPending));
    t5.At(At(2026, 11, 30, 10, 0));
    Apply(t5.Dispatched("unit-a", 50));
    Apply(t5.State(kPending, kDispatched));
    Apply(t5.ClockStarted(hotline::supervision::v1::CLOCK_KIND_HANDLING, At(2026, 12, 1, 10, 0)));
    t5.At(At(2026, 11, 30, 10, 30));
    Apply(t5.Signed("unit-a", 50));
    Apply(t5.State(kDispatched, kInProgress));
    t5.At(At(2026, 12, 1, 10, 0));
    Apply(t5.Step(hotline::supervision::v1::ESCALATION_STEP_OVERDUE,
                  hotline::supervision::v1::CLOCK_KIND_HANDLING, "unit-a"));
    t5.At(At(2026, 12, 1, 15, 0));
    Apply(t5.Replied("unit-a"));
    Apply(t5.State(kInProgress, kReplied));
    t5.At(At(2026, 12, 1, 15, 5));
    Apply(t5.State(kReplied, kClosed));
    t5.At(At(2026, 12, 2, 10, 0));
    Apply(t5.FollowedUp(true, hotline::supervision::v1::SATISFACTION_DISSATISFIED, false));
    Apply(t5.State(kClosed, hotline::common::v1::TICKET_STATE_REOPENED));
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
  calendar::PgCalendarTable calendar_table;
  calendar::CalendarCache calendars;
  WorkingCalendar working;
  std::unique_ptr<RollupKeeper> keeper;
  std::unique_ptr<RollupRebuilder> rebuilder;
  std::vector<hotline::common::v1::EventEnvelope> events;
};

}  // namespace hotline::reporting
