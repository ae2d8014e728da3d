#include "bench/supervision/in_process.h"

#include "absl/time/time.h"
#include "libs/ticketstore/event_outbox.h"
#include "tests/support/core/fail.h"

namespace hotline::bench {
using support::Fail;

namespace {

pg::PgPoolOptions PoolOptions(const std::string& url) {
  pg::PgPoolOptions o;
  o.url = url;
  o.size = 2;
  o.application_name = "bench_supervision";
  return o;
}

}  // namespace

InProcess::InProcess(const std::string& url) : pool(PoolOptions(url)) {
  absl::StatusOr<int> partitions = ticketstore::LoadStreamPartitions(pool);
  if (!partitions.ok()) Fail(partitions.status().ToString());
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Asia/Shanghai", &zone)) Fail("no Asia/Shanghai zone");
  store = std::make_unique<ticketstore::PgTicketStore>(
      ticketstore::TicketStoreOptions{"53", zone, *partitions}, crypto::EphemeralCipher(),
      SystemClock::Get());
  settings = std::make_unique<supervision::SettingsCache>(
      [this] {
        return transactions.RunFor<supervision::Settings>(
            [this](Transaction& tx) { return settings_store.Load(tx); });
      },
      absl::Seconds(5), SystemClock::Get());
  ctx = std::make_unique<supervision::SupervisionContext>(
      supervision::SupervisionContext{transactions, *store, clocks, *settings, clock});
}

}  // namespace hotline::bench
