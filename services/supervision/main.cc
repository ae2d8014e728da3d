// hotline-supervision: working-time clocks, the escalation ladder, review and follow-up.
#include <memory>

#include "absl/flags/flag.h"
#include "libs/pg/pg_transaction.h"
#include "libs/service/service_main.h"
#include "services/supervision/api/access.h"
#include "services/supervision/api/supervision_service.h"
#include "services/supervision/api/supervision_testing_service.h"
#include "services/supervision/app/calendar_watch.h"
#include "services/supervision/app/clock_keeper.h"
#include "services/supervision/app/sweeper.h"
#include "services/supervision/events/ticket_events.h"
#include "services/supervision/store/pg_clock_store.h"
#include "services/supervision/store/pg_request_store.h"
#include "services/supervision/store/pg_settings_store.h"

ABSL_FLAG(absl::Duration, sweep_every, absl::Milliseconds(200),
          "How often due clocks are looked for (a rung fires within about this of its time)");
ABSL_FLAG(int, sweep_batch, 1000, "Clocks one sweep transaction claims");
ABSL_FLAG(absl::Duration, settings_ttl, absl::Seconds(5),
          "How long calendars and policies are cached; other replicas' edits show within it");
ABSL_FLAG(absl::Duration, calendar_warn_within, absl::Hours(24 * 60),
          "Warn (log, and hotline_calendar_days_left) this long before a calendar's holidays "
          "run out; deadlines after that are refused");
ABSL_FLAG(int, clock_threads, 2, "Consumers keeping clocks in step with the tickets");
ABSL_FLAG(bool, controllable_clock, false,
          "Tests only: serve SupervisionTesting.SetClock, which moves the service's clock "
          "(never in production)");
ABSL_FLAG(absl::Time, controllable_clock_start, absl::InfinitePast(),
          "Tests only, with --controllable_clock: the instant (RFC 3339) the clock starts at, so "
          "that nothing fires on the system clock before the test sets it");

int main(int argc, char** argv) {
  using namespace hotline::supervision;
  hotline::service::ServiceMain main_({"supervision", 50053, 9153}, argc, argv);
  hotline::TransactionRunner& transactions = main_.transactions();

  PgClockStore clocks;
  PgRequestStore requests(main_.cipher());
  PgFollowUpStore follow_ups;
  PgSettingsStore settings_store;
  SettingsCache settings(
      [&] {
        return transactions.RunFor<Settings>(
            [&](hotline::Transaction& tx) { return settings_store.Load(tx); });
      },
      absl::GetFlag(FLAGS_settings_ttl), hotline::SystemClock::Get());
  hotline::OffsetClock clock;
  if (absl::GetFlag(FLAGS_controllable_clock) &&
      absl::GetFlag(FLAGS_controllable_clock_start) != absl::InfinitePast()) {
    clock.Set(absl::GetFlag(FLAGS_controllable_clock_start));
  }
  const SupervisionContext ctx{transactions, main_.tickets(), clocks, settings, clock};

  DeadlineQueries queries(ctx, requests);
  PauseAndExtend pause(ctx, requests);
  OfficeSupervision office(ctx, follow_ups);
  SettingsAdmin admin(transactions, settings_store, settings);
  const PgOfficeQueueStore queue_store;
  OfficeQueues queues(transactions, queue_store, clock);
  SupervisionService service({queries, pause, office, admin, queues}, main_.callers());
  main_.AddService(&service, SupervisionAccess());
  std::unique_ptr<SupervisionTestingService> testing;
  if (absl::GetFlag(FLAGS_controllable_clock)) {
    testing = std::make_unique<SupervisionTestingService>(clock, main_.callers());
    main_.AddService(testing.get(), SupervisionTestingAccess());
  }

  ClockKeeper keeper(ctx);
  main_.AddConsumer("supervision",
                    [&keeper](const auto& event, pqxx::work& work) {
                      hotline::pg::PgTransaction tx(work);
                      return HandleTicketEvent(keeper, event, tx);
                    },
                    {SupervisionWants, absl::GetFlag(FLAGS_clock_threads)});
  Sweeper sweeper(ctx, {absl::GetFlag(FLAGS_sweep_every), absl::GetFlag(FLAGS_sweep_batch)},
                  &main_.metrics());
  sweeper.Start();
  CalendarWatch calendars(
      ctx, {.warn_within = absl::GetFlag(FLAGS_calendar_warn_within), .zone = main_.zone()},
      &main_.metrics());
  calendars.Start();
  const int code = main_.Run();
  calendars.Stop();
  sweeper.Stop();
  return code;
}
