#pragma once

#include <memory>
#include <string>

#include "libs/common/clock.h"
#include "libs/pg/pg_pool.h"
#include "libs/ticketstore/pg_ticket_store.h"
#include "services/deadline-supervision/settings.h"
#include "services/deadline-supervision/supervision_context.h"

namespace hotline::bench {

// What hotline-supervision builds for its Sweeper, on the scratch database, so the idle and
// burst phases time the service's own Sweeper::SweepOnce() without a process boundary.
struct InProcess {
  explicit InProcess(const std::string& url);

  pg::PgPool pool;
  OffsetClock clock;
  std::unique_ptr<ticketstore::PgTicketStore> store;
  std::unique_ptr<supervision::SettingsCache> settings;
  std::unique_ptr<supervision::SupervisionContext> ctx;
};

}  // namespace hotline::bench
