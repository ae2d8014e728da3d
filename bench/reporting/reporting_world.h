#pragma once

#include <memory>
#include <string>

#include "libs/calendar_table/calendar_cache.h"
#include "libs/calendar_table/pg_calendar_table.h"
#include "libs/common/clock.h"
#include "libs/pg/pg_pool.h"
#include "libs/pg/pg_transaction.h"
#include "libs/ticketstore/pg_ticket_store.h"
#include "services/reporting/app/indicator_queries.h"
#include "services/reporting/app/rollup_keeper.h"
#include "services/reporting/app/rollup_rebuilder.h"
#include "services/reporting/app/working_calendar.h"
#include "services/reporting/store/pg_stores.h"

namespace hotline::bench {

// hotline-reporting's stores and use cases in this process, wired as its main.cc wires them, on
// the scratch database: what the consumer, GetIndicators and RebuildRollups run.
struct ReportingWorld {
  ReportingWorld(const std::string& url, int connections, int partitions, absl::TimeZone zone);

  reporting::RollupStores stores() { return {facts, counts, tables, tickets}; }

  pg::PgPool pool;
  pg::PgTransactionRunner transactions;
  SystemClock clock;
  ticketstore::PgTicketStore tickets;
  reporting::PgTicketFactsStore facts;
  reporting::PgCounterStore counts;
  reporting::PgCatalogueStore catalogue;
  reporting::PgRollupTables tables;
  reporting::PgEventHistory history;
  calendar::PgCalendarTable calendar_table;
  calendar::CalendarCache calendars;
  reporting::WorkingCalendar working;
  reporting::IndicatorQueries queries;
  reporting::RollupKeeper keeper;
  reporting::RollupRebuilder rebuilder;
};

}  // namespace hotline::bench
