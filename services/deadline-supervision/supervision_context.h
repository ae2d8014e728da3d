#pragma once

#include <string>

#include "hotline/common/v1/auth.pb.h"
#include "libs/common/clock.h"
#include "libs/ticketstore/pg_ticket_store.h"
#include "services/deadline-supervision/settings.h"

namespace hotline::supervision {

// What every part of the service shares.
struct SupervisionContext {
  const ticketstore::PgTicketStore& tickets;
  SettingsCache& settings;
  // Supervision's own time: the system clock, or a controllable one in tests.
  const OffsetClock& clock;
};

// The actor of what supervision does by itself (sweeps, automatic approval).
hotline::common::v1::Actor SupervisionActor();

}  // namespace hotline::supervision
