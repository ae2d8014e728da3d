// Publishes the ticket_events outbox to the Redis streams until SIGTERM or SIGINT, then finishes
// the batch in progress and exits 0. Several may run at once: partitions are shared out by
// PostgreSQL advisory locks.
#include <signal.h>

#include <cstdlib>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "libs/common/log.h"
#include "libs/common/mutex_mode.h"
#include "libs/events/outbox_relay.h"
#include "libs/pg/pg_pool.h"
#include "libs/ticketstore/event_outbox.h"

ABSL_FLAG(std::string, pg_url, "", "PostgreSQL URL of the outbox's database (required)");
ABSL_FLAG(std::string, redis_url, "", "Redis URL, redis://host:port[/db] (required)");
ABSL_FLAG(std::string, stream_prefix, hotline::events::kDefaultStreamPrefix,
          "Stream keys are <prefix>:{<partition>}");
ABSL_FLAG(int, batch_size, 500, "Outbox rows read and published per partition per pass");
ABSL_FLAG(std::string, log_level, "info", "debug | info | warning | error");

namespace {

[[noreturn]] void Fatal(const std::string& message) {
  hotline::log::Error(message);
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  hotline::SkipMutexDeadlockDetection();
  hotline::log::Level level;
  if (!hotline::log::ParseLevel(absl::GetFlag(FLAGS_log_level), &level)) {
    Fatal("--log_level must be debug, info, warning or error");
  }
  hotline::log::Configure("hotline-relay", level);

  hotline::events::OutboxRelayOptions options;
  options.pg_url = absl::GetFlag(FLAGS_pg_url);
  options.redis_url = absl::GetFlag(FLAGS_redis_url);
  options.stream_prefix = absl::GetFlag(FLAGS_stream_prefix);
  options.batch_size = absl::GetFlag(FLAGS_batch_size);
  if (options.pg_url.empty() || options.redis_url.empty()) {
    Fatal("--pg_url and --redis_url are required");
  }
  if (options.stream_prefix.empty() || options.batch_size < 1) {
    Fatal("--stream_prefix must not be empty and --batch_size must be positive");
  }

  // Writers and relays must agree on the partition count: it comes from the database.
  {
    hotline::pg::PgPoolOptions pool_options;
    pool_options.url = options.pg_url;
    pool_options.size = 1;
    hotline::pg::PgPool pool(pool_options);
    absl::StatusOr<int> partitions = hotline::ticketstore::LoadStreamPartitions(pool);
    if (!partitions.ok()) {
      Fatal("cannot read the stream partition count: " + partitions.status().ToString());
    }
    options.partitions = *partitions;
  }

  // Blocked before the relay's thread starts, so only sigwait below sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  hotline::events::OutboxRelay relay(options, /*registry=*/nullptr);
  relay.Start();
  int received = 0;
  sigwait(&signals, &received);
  hotline::log::Info("stopping: finishing the batch in progress", {{"signal", received}});
  relay.Stop();
  return 0;
}
