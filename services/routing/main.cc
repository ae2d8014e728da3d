// hotline-routing: territorial and tiered dispatch, and the unit-side workflow.
#include "absl/flags/flag.h"
#include "libs/calendar_table/calendar_cache.h"
#include "libs/calendar_table/pg_calendar_table.h"
#include "libs/common/log.h"
#include "libs/pg/pg_transaction.h"
#include "libs/service/service_main.h"
#include "services/routing/api/access.h"
#include "services/routing/api/routing_service.h"
#include "services/routing/app/event_routing.h"
#include "services/routing/events/ticket_events_handler.h"
#include "services/routing/store/delegated_region_source.h"
#include "services/routing/store/pg_assignment_store.h"
#include "services/routing/store/pg_directory_source.h"
#include "services/routing/store/pg_directory_store.h"
#include "services/routing/store/pg_objection_store.h"

ABSL_FLAG(int, dispatch_threads, 4,
          "Consumers dispatching in parallel in this replica, each with its share of the stream's "
          "partitions");
ABSL_FLAG(absl::Duration, directory_poll, absl::Seconds(1),
          "How often the directory version is checked, and how long transfer's delegated regions "
          "are cached; changes load without a restart");

ABSL_FLAG(int64_t, directory_import_max_bytes,
          hotline::routing::RoutingService::kDefaultImportMaxBytes,
          "Most bytes one ImportDirectory stream may carry (it is held in memory until checked "
          "whole); a larger one ends RESOURCE_EXHAUSTED");

int main(int argc, char** argv) {
  using namespace hotline::routing;
  hotline::service::ServiceMain main_({"routing", 50052, 9152}, argc, argv);
  hotline::TransactionRunner& transactions = main_.transactions();

  PgDirectorySource directory_source(main_.pool());
  DirectoryCache directory(directory_source, main_.clock(), absl::GetFlag(FLAGS_directory_poll),
                           &main_.metrics());
  if (absl::Status loaded = directory.Load(); !loaded.ok()) {
    hotline::log::Error("cannot load the directory", {{"error", std::string(loaded.message())}});
    return 1;
  }
  directory.Start();

  const PgAssignmentStore assignments(main_.cipher());
  const PgDecisionStore decisions;
  const PgManualQueueStore queue;
  const PgActiveUnitStore units;
  const PgAuditStore audit;
  const PgGrantStore grants;
  const PgDirectoryStore directory_store;
  const PgObjectionStore objections(main_.cipher());
  // Return windows count working days on supervision's calendars.
  const hotline::calendar::PgCalendarTable calendar_table;
  hotline::calendar::CalendarCache calendars(calendar_table);
  const ReturnWindows return_windows(objections, calendars);
  const RoutingStores stores{main_.tickets(), assignments, decisions, queue, units};
  // Places a prefecture instance serves (transfer's topology), checked as often as the directory.
  const PgDelegatedRegionSource delegated_source(main_.pool());
  DelegatedRegions delegated(delegated_source, absl::GetFlag(FLAGS_directory_poll), main_.clock());
  // The instance's own region is its jurisdiction: anything outside goes to the province.
  const Dispatcher dispatcher(stores, directory, main_.clock(),
                              main_.tickets().options().instance_id, &main_.metrics(), &delegated);

  UnitInbox inbox(transactions, stores, audit, grants, main_.clock());
  UnitWorkflow unit_workflow(transactions, dispatcher, objections, return_windows, main_.clock());
  OfficeActions office(transactions, dispatcher);
  UnitAdmin unit_admin(transactions, directory_store, directory);
  CatalogueAdmin catalogue(transactions, directory_store, directory);
  DirectoryImporter importer(transactions, directory_store, directory);
  MinorGrants minor_grants(transactions, stores, grants, audit, main_.clock());
  ObjectionReview objection_review(transactions, dispatcher, objections, calendars, main_.clock());
  RoutingService service({inbox, unit_workflow, office, unit_admin, catalogue, importer, directory,
                          minor_grants, objection_review},
                         main_.callers(), absl::GetFlag(FLAGS_directory_import_max_bytes));
  main_.AddService(&service, RoutingAccess());

  const EventRouting event_routing(dispatcher);
  const TicketEventsHandler events(event_routing);
  main_.AddConsumer("routing",
                    [&events](const auto& event, pqxx::work& work) {
                      hotline::pg::PgTransaction tx(work);
                      return events.Handle(event, tx);
                    },
                    {[&events](const auto& event) { return events.Wants(event); },
                     absl::GetFlag(FLAGS_dispatch_threads)});
  const int code = main_.Run();
  directory.Stop();
  return code;
}
