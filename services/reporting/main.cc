// hotline-reporting: counts from the ticket event stream, indicators computed when read.
#include <memory>

#include "absl/flags/flag.h"
#include "absl/time/time.h"
#include "libs/common/log.h"
#include "libs/pg/pg_transaction.h"
#include "libs/service/service_main.h"
#include "services/reporting/api/access.h"
#include "services/reporting/api/reporting_service.h"
#include "services/reporting/app/business_gauges.h"
#include "services/reporting/app/indicator_queries.h"
#include "services/reporting/app/minor_report.h"
#include "services/reporting/app/rollup_keeper.h"
#include "services/reporting/app/rollup_rebuilder.h"
#include "services/reporting/app/rollup_status.h"
#include "services/reporting/app/working_calendar.h"
#include "services/reporting/events/ticket_events.h"
#include "services/reporting/store/pg_gauge_store.h"
#include "services/reporting/store/pg_stores.h"

ABSL_FLAG(int, rollup_threads, 2, "Consumers keeping the counts in step with the tickets");
ABSL_FLAG(int, rebuild_batch, 5000, "Events RebuildRollups reads per statement");
ABSL_FLAG(int, minor_report_suppress_below, 5,
          "The monthly minors' report withholds counts from 1 to below this (and figures over "
          "them); 0 or 1 withholds nothing");
ABSL_FLAG(absl::Duration, gauges_every, absl::Seconds(15),
          "How often the business gauges (open, overdue, rollup lag) are refreshed");

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
  const absl::CivilDay today = absl::ToCivilDay(main_.clock().Now(), main_.zone());
  absl::StatusOr<hotline::calendar::BusinessCalendar> working =
      LoadWorkingCalendar(transactions, catalogue, today);
  if (!working.ok()) {
    hotline::log::Error("cannot load the working calendar",
                        {{"error", std::string(working.status().message())}});
    return 1;
  }

  const RollupStores stores{facts, counts, tables, main_.tickets()};
  const DeltaContext context{main_.zone(), &*working};
  IndicatorQueries indicators(transactions, counts, catalogue);
  RollupRebuilder rebuilder(transactions, stores, history, context,
                            absl::GetFlag(FLAGS_rebuild_batch));
  RollupStatusQuery status(transactions, tables, history, main_.clock());
  MinorReports minors(transactions, indicators, frozen, main_.clock(), main_.zone(),
                      absl::GetFlag(FLAGS_minor_report_suppress_below));
  Rankings rankings(indicators);
  ReportingService service({indicators, rebuilder, status, minors, rankings}, main_.callers());
  main_.AddService(&service, ReportingAccess());

  RollupKeeper keeper(stores, context, main_.stream_partitions());
  main_.AddConsumer("reporting",
                    [&keeper](const auto& event, pqxx::work& work) {
                      hotline::pg::PgTransaction tx(work);
                      return HandleTicketEvent(keeper, event, tx);
                    },
                    {ReportingWants, absl::GetFlag(FLAGS_rollup_threads)});

  PgGaugeStore gauge_levels;
  BusinessGauges gauges(transactions, gauge_levels, status, main_.metrics());
  gauges.Start(absl::GetFlag(FLAGS_gauges_every));
  const int exit_code = main_.Run();
  gauges.Stop();
  return exit_code;
}
