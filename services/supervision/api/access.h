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
//   Upsert{Calendar,Policy,EscalationStep} ADMIN                              -
//   GetCalendar, ListPolicies,            ADMIN SUPERVISOR                    -
//   ListEscalationSteps
//   SetClock (SupervisionTesting)         ADMIN                               -
enum class Need { kRead, kOffice, kLeadUnit, kOfficeOrLeadUnit };

// The gate a use case asks once it has the ticket: NOT the office's jurisdiction, not the unit's
// clock, or a role that may not do `need` is PERMISSION_DENIED.
TicketGate GateFor(const service::Principal& caller, Need need);

absl::Status MayListClocks(const service::Principal& caller);
absl::Status MayAskExtension(const service::Principal& caller);
absl::Status MayEditSettings(const service::Principal& caller);
absl::Status MayReadSettings(const service::Principal& caller);
absl::Status MaySetClock(const service::Principal& caller);

}  // namespace hotline::supervision
