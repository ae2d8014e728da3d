#pragma once

#include <string>

#include "hotline/common/v1/auth.pb.h"
#include "libs/common/clock.h"
#include "libs/ticketstore/ticket_store.h"
#include "services/deadline-supervision/settings.h"

namespace hotline::supervision {

// Event types supervision writes on the ticket stream.
inline constexpr char kClocksChangedEvent[] = "supervision.clocks_changed";
inline constexpr char kDeadlineStepEvent[] = "supervision.deadline_step";
inline constexpr char kExtensionDecidedEvent[] = "supervision.extension_decided";
inline constexpr char kFollowedUpEvent[] = "supervision.followed_up";

// What every part of the service shares.
struct SupervisionContext {
  const ticketstore::TicketStore& tickets;
  SettingsCache& settings;
  // Supervision's own time: the system clock, or a controllable one in tests.
  const OffsetClock& clock;
};

// The actor of what supervision does by itself (sweeps, automatic approval).
hotline::common::v1::Actor SupervisionActor();

}  // namespace hotline::supervision
