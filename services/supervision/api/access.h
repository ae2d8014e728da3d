#pragma once

#include "absl/status/status.h"
#include "libs/service/token_auth.h"
#include "services/supervision/app/ticket_gate.h"

namespace hotline::supervision {

// Who may call what — the one place where supervision compares roles:
//
//   RPC                                   roles                               scope
//   GetDeadlines                          SUPERVISOR FRONTEND ADMIN PROVINCE  jurisdiction
//                                         UNIT                                a clock of its own
//   ListOverdue, ListDueSoon              SUPERVISOR ADMIN                    jurisdiction
//   Suspend, Resume                       SUPERVISOR                          jurisdiction
//                                         UNIT                                the lead's clock
//   RequestExtension                      UNIT                                the lead's clock
//   DecideSuspension, DecideExtension,    SUPERVISOR                          jurisdiction
//   Urge, Review, RecordFollowUp
//   UpsertCalendar, UpsertPolicy,         ADMIN                               -
//   UpsertEscalationStep
//   GetCalendar, ListPolicies,            ADMIN SUPERVISOR                    -
//   ListEscalationSteps
//   SetClock (SupervisionTesting)         ADMIN                               -
//
// The adapter checks the role-only rows before the use case runs (May…); the rows scoped to a
// ticket go to the use case as a gate it asks once it has read the ticket.

// What a call on a ticket needs of the caller.
enum class Need { kRead, kOffice, kLeadUnit, kOfficeOrLeadUnit };

// The gate for `caller` and `need`: PERMISSION_DENIED for a role that may not do it, a ticket
// outside the caller's jurisdiction, or a unit without the clock it needs.
TicketGate GateFor(const service::Principal& caller, Need need);

absl::Status MayListClocks(const service::Principal& caller);
absl::Status MayAskExtension(const service::Principal& caller);
absl::Status MayEditSettings(const service::Principal& caller);
absl::Status MayReadSettings(const service::Principal& caller);
absl::Status MaySetClock(const service::Principal& caller);

}  // namespace hotline::supervision
