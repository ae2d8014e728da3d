#pragma once

#include "libs/service/access_table.h"
#include "libs/service/principal.h"
#include "services/supervision/app/ticket_gate.h"

namespace hotline::supervision {

// Who may call each RPC of hotline.supervision.v1.Supervision and SupervisionTesting, and how far:
// the table in access.cc, printed by the root README's security section. The auth interceptor
// enforces the roles and the instance-wide rule before any handler runs; the rows scoped to a
// ticket go to the use case as a gate it asks once it has read the ticket.
const service::AccessTable& SupervisionAccess();
// SupervisionTesting, served only when test clocks are allowed.
const service::AccessTable& SupervisionTestingAccess();

// What a call on a ticket needs of the caller.
enum class Need { kRead, kOffice, kLeadUnit, kOfficeOrLeadUnit };

// The gate for `caller` and `need`: a ticket outside the caller's jurisdiction, or one where a
// unit has no clock, is refused as if it did not exist (service::OutOfReach); a unit acting on a
// ticket needs a live clock of its own (a replaced lead's stopped clock grants nothing), and the
// lead's clock for what only the lead may ask.
TicketGate GateFor(const service::Principal& caller, Need need);

}  // namespace hotline::supervision
