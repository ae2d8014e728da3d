// hotline-supervision: working-time clocks, the escalation ladder, review and follow-up.
#include "absl/flags/flag.h"
#include "libs/service/service_main.h"
#include "services/deadline-supervision/deadline_queries.h"
#include "services/deadline-supervision/office_supervision.h"
#include "services/deadline-supervision/pause_and_extend.h"
#include "services/deadline-supervision/settings_admin.h"
#include "services/deadline-supervision/supervision_service.h"
#include "services/deadline-supervision/sweeper.h"
#include "services/deadline-supervision/ticket_events_handler.h"

ABSL_FLAG(absl::Duration, sweep_every, absl::Milliseconds(200),
          "How often due clocks are looked for (a rung fires within about this of its time)");
ABSL_FLAG(int, sweep_batch, 1000, "Clocks one sweep transaction claims");
ABSL_FLAG(absl::Duration, settings_ttl, absl::Seconds(5),
          "How long calendars and policies are cached; other replicas' edits show within it");
ABSL_FLAG(int, clock_threads, 2, "Consumers keeping clocks in step with the tickets");
ABSL_FLAG(bool, controllable_clock, false,
          "Tests only: run on a clock the SetClock RPC moves (never in production)");

int main(int argc, char** argv) {
  using namespace hotline::supervision;
  hotline::service::ServiceMain main_({"supervision", 50053, 9153}, argc, argv);

  hotline::OffsetClock clock;
  SettingsCache settings(main_.pool(), absl::GetFlag(FLAGS_settings_ttl),
                         hotline::SystemClock::Get());
  const SupervisionContext ctx{main_.tickets(), settings, clock};
  DeadlineQueries queries(main_.pool(), ctx);
  PauseAndExtend pause(main_.pool(), ctx);
  OfficeSupervision office(main_.pool(), ctx);
  SettingsAdmin admin(main_.pool(), settings);
  const bool controllable = absl::GetFlag(FLAGS_controllable_clock);
  SupervisionService service({queries, pause, office, admin, controllable ? &clock : nullptr},
                             main_.callers());
  main_.AddService(&service);
  main_.AddConsumer(
      "supervision",
      [&ctx](const auto& event, pqxx::work& tx) { return HandleTicketEvent(ctx, event, tx); },
      {SupervisionWants, absl::GetFlag(FLAGS_clock_threads)});
  Sweeper sweeper(main_.pool(), ctx,
                  {absl::GetFlag(FLAGS_sweep_every), absl::GetFlag(FLAGS_sweep_batch)},
                  &main_.metrics());
  sweeper.Start();
  const int code = main_.Run();
  sweeper.Stop();
  return code;
}
