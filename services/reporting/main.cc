// hotline-reporting: counts from the ticket event stream, indicators computed when read.
#include <memory>

#include "absl/flags/flag.h"
#include "absl/time/time.h"
#include "libs/calendar_table/calendar_cache.h"
#include "libs/calendar_table/pg_calendar_table.h"
#include "libs/common/log.h"
#include "libs/pg/pg_transaction.h"
#include "libs/service/service_main.h"
#include "services/reporting/api/access.h"
#include "services/reporting/api/reporting_service.h"
#include "services/reporting/app/business_gauges.h"
#include "services/reporting/app/drift_check.h"
#include "services/reporting/app/drift_watch.h"
#include "services/reporting/app/indicator_queries.h"
#include "services/reporting/app/minor_report.h"
#include "services/reporting/app/pipeline_gauges.h"
#include "services/reporting/app/rollup_keeper.h"
#include "services/reporting/app/rollup_rebuilder.h"
#include "services/reporting/app/rollup_status.h"
#include "services/reporting/app/working_calendar.h"
#include "services/reporting/events/ticket_events.h"
#include "services/reporting/store/pg_drift_store.h"
#include "services/reporting/store/pg_gauge_store.h"
#include "services/reporting/store/pg_outbox_store.h"
#include "services/reporting/store/pg_stores.h"
#include "services/reporting/store/redis_stream_groups.h"

ABSL_FLAG(int, rollup_threads, 2, "Consumers keeping the counts in step with the tickets");
ABSL_FLAG(int, rebuild_batch, 5000, "Events RebuildRollups reads per statement");
ABSL_FLAG(int, minor_report_suppress_below, 5,
          "The monthly minors' report withholds counts from 1 to below this (and figures over "
          "them); 0 or 1 withholds nothing");
ABSL_FLAG(absl::Duration, gauges_every, absl::Seconds(15),
          "How often the business gauges (open, overdue, rollup lag) are refreshed");
ABSL_FLAG(absl::Duration, drift_every, absl::Minutes(10),
          "How often the drift check compares a sample of rollup cells with a recomputation");
ABSL_FLAG(int, drift_cells, 20, "Rollup cells the drift check samples each time");
ABSL_FLAG(int, drift_days, 7,
          "The drift check goes round this many whole days before the newest applied event");

int main(int argc, char** argv) {
  using namespace hotline::reporting;
  hotline::service::ServiceMain main_({"reporting", 50055, 9155}, argc, argv);
  hotline::TransactionRunner& transactions = main_.transactions();

  PgTicketFactsStore facts;
  PgCounterStore counts;
  PgCatalogueStore catalogue;
  PgRollupTables tables;
  PgEventHistory history;
  PgFrozenReportStore frozen;
  hotline::calendar::PgCalendarTable calendar_table;
  hotline::calendar::CalendarCache calendars(calendar_table);
  const WorkingCalendar working(main_.zone(), catalogue, calendars);
  // Supervision's calendar is read whenever a closing is counted; a missing one is a
  // deployment error, told at start rather than on the first closing.
  const absl::CivilDay today = absl::ToCivilDay(main_.clock().Now(), main_.zone());
  const absl::Status calendar_ok =
      transactions.Run([&](hotline::Transaction& tx) { return working.On(tx, today).status(); });
  if (!calendar_ok.ok()) {
    hotline::log::Error("cannot load the working calendar",
                        {{"error", std::string(calendar_ok.message())}});
    return 1;
  }

  const RollupStores stores{facts, counts, tables, main_.tickets()};
  IndicatorQueries indicators(transactions, counts, catalogue);
  RollupRebuilder rebuilder(transactions, stores, history, working,
                            absl::GetFlag(FLAGS_rebuild_batch));
  PgDriftStore drift_cells;
  DriftCheck drift(transactions, drift_cells, history, main_.tickets(), working, main_.zone());
  RollupStatusQuery status(transactions, tables, history, main_.clock(), &drift);
  MinorReports minors(transactions, indicators, frozen, main_.clock(), main_.zone(),
                      absl::GetFlag(FLAGS_minor_report_suppress_below));
  Rankings rankings(indicators);
  ReportingService service({indicators, rebuilder, status, minors, rankings}, main_.callers());
  main_.AddService(&service, ReportingAccess());

  RollupKeeper keeper(stores, working, main_.stream_partitions());
  main_.AddConsumer("reporting",
                    [&keeper](const auto& event, pqxx::work& work) {
                      hotline::pg::PgTransaction tx(work);
                      return HandleTicketEvent(keeper, event, tx);
                    },
                    {ReportingWants, absl::GetFlag(FLAGS_rollup_threads),
                     [&keeper](const auto& events, pqxx::work& work) {
                       hotline::pg::PgTransaction tx(work);
                       return HandleTicketEvents(keeper, events, tx);
                     }});

  PgGaugeStore gauge_levels;
  BusinessGauges gauges(transactions, gauge_levels, status, main_.metrics());
  gauges.Start(absl::GetFlag(FLAGS_gauges_every));
  PgOutboxStore outbox;
  RedisStreamGroups stream_groups(main_.config().redis_url, main_.config().stream_prefix,
                                  main_.stream_partitions());
  PipelineGauges pipeline(transactions, outbox, stream_groups, main_.clock(), main_.metrics());
  pipeline.Start(absl::GetFlag(FLAGS_gauges_every));
  DriftWatch drift_watch(drift, status, main_.zone(),
                         {absl::GetFlag(FLAGS_drift_cells), absl::GetFlag(FLAGS_drift_days)},
                         main_.metrics());
  drift_watch.Start(absl::GetFlag(FLAGS_drift_every));
  const int exit_code = main_.Run();
  drift_watch.Stop();
  pipeline.Stop();
  gauges.Stop();
  return exit_code;
}
