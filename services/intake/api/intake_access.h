#pragma once

#include "libs/service/access_table.h"

namespace hotline::intake {

// Who may call each RPC of hotline.intake.v1.Intake, and how far (the table in intake_access.cc;
// the root README's security section prints it). The auth interceptor enforces the roles and the
// instance-wide rule before any handler runs; the ticket-scoped rules are checked where the
// ticket is read (libs/service/ticket_reach.h), and how much of a ticket each role sees is
// ticket_access.h.
const service::AccessTable& IntakeAccess();

}  // namespace hotline::intake
