// hotline-routing: territorial and tiered dispatch, and the unit-side workflow.
#include "absl/flags/flag.h"
#include "libs/common/log.h"
#include "libs/service/service_main.h"
#include "services/routing/directory_admin.h"
#include "services/routing/directory_cache.h"
#include "services/routing/dispatcher.h"
#include "services/routing/office_actions.h"
#include "services/routing/routing_service.h"
#include "services/routing/ticket_events_handler.h"
#include "services/routing/unit_workflow.h"

ABSL_FLAG(int, dispatch_threads, 4,
          "Consumers dispatching in parallel in this replica, each with its share of the stream's "
          "partitions");
ABSL_FLAG(absl::Duration, directory_poll, absl::Seconds(1),
          "How often the directory version is checked; changes load without a restart");

int main(int argc, char** argv) {
  using namespace hotline::routing;
  hotline::service::ServiceMain main_({"routing", 50052, 9152}, argc, argv);

  DirectoryCache directory(main_.pool(), main_.clock(), absl::GetFlag(FLAGS_directory_poll),
                           &main_.metrics());
  if (absl::Status loaded = directory.Load(); !loaded.ok()) {
    hotline::log::Error("cannot load the directory", {{"error", std::string(loaded.message())}});
    return 1;
  }
  directory.Start();
  // The instance's own region is its jurisdiction: anything outside goes to the province.
  Dispatcher dispatcher(main_.tickets(), directory, main_.clock(),
                        main_.tickets().options().instance_id, &main_.metrics());
  UnitWorkflow units(main_.pool(), dispatcher, main_.clock());
  OfficeActions office(main_.pool(), dispatcher);
  DirectoryAdmin admin(main_.pool(), directory);
  RoutingService service(units, office, admin, main_.callers());
  main_.AddService(&service);
  main_.AddConsumer("routing",
                    [&dispatcher](const auto& event, pqxx::work& tx) {
                      return HandleTicketEvent(dispatcher, event, tx);
                    },
                    {RoutingWants, absl::GetFlag(FLAGS_dispatch_threads)});
  const int code = main_.Run();
  directory.Stop();
  return code;
}
