#pragma once

#include <memory>
#include <string>

#include "libs/common/clock.h"
#include "libs/pg/pg_pool.h"
#include "libs/pg/pg_transaction.h"
#include "libs/ticketstore/pg_ticket_store.h"
#include "services/supervision/app/supervision_context.h"
#include "services/supervision/store/pg_clock_store.h"
#include "services/supervision/store/pg_settings_store.h"

namespace hotline::bench {

// What hotline-supervision builds for its Sweeper, on the scratch database, so the idle and
// burst phases time the service's own Sweeper::SweepOnce() without a process boundary.
struct InProcess {
  explicit InProcess(const std::string& url);

  pg::PgPool pool;
  pg::PgTransactionRunner transactions{pool};
  OffsetClock clock;
  std::unique_ptr<ticketstore::PgTicketStore> store;
  supervision::PgClockStore clocks;
  supervision::PgSettingsStore settings_store;
  std::unique_ptr<supervision::SettingsCache> settings;
  std::unique_ptr<supervision::SupervisionContext> ctx;
};

}  // namespace hotline::bench
