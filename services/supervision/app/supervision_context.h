#pragma once

#include <string>

#include "hotline/common/v1/auth.pb.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "libs/ticketstore/ticket_store.h"
#include "services/supervision/app/ticket_gate.h"
#include "services/supervision/rules/settings.h"
#include "services/supervision/store/clock_store.h"

namespace hotline::supervision {

// What every use case of the service shares.
struct SupervisionContext {
  TransactionRunner& transactions;
  const ticketstore::TicketStore& tickets;
  ClockStore& clocks;
  SettingsCache& settings;
  // Supervision's own time: the system clock, or one the test-only SetClock moves.
  const OffsetClock& clock;
};

// The actor of what supervision does by itself (sweeps, automatic approval).
hotline::common::v1::Actor SupervisionActor();

// The ticket `number` and what the caller is to it; NOT_FOUND, or the gate's PERMISSION_DENIED.
struct GatedTicket {
  hotline::common::v1::Ticket ticket;
  Standing standing;
};
absl::StatusOr<GatedTicket> OpenTicket(const SupervisionContext& ctx, Transaction& tx,
                                       const std::string& number, const TicketGate& gate);

}  // namespace hotline::supervision
