#pragma once

#include "absl/status/statusor.h"
#include "hotline/common/v1/ticket.pb.h"
#include "libs/service/token_auth.h"
#include "services/intake/rules/ticket_view.h"

namespace hotline::intake {

// Who may read tickets through intake, and how much (the table in ticket_access.cc):
//   SUPERVISOR                → full (the hotline office judges minors' cases too);
//   FRONTEND                  → masked, but full for the credential that took the ticket, within
//                               --taker_full_view after it did, unless the ticket involves a
//                               minor or the caller asked for confidentiality;
//   PROVINCE, ADMIN           → masked (operators and the platform do not need the person);
//   UNIT, REPORTING           → PERMISSION_DENIED (units read their assignments through routing).
absl::StatusOr<ReadAccess> ReadAccessOf(const service::Principal& caller);

// The whole policy for one ticket read by someone who did not take it: the role's access, then
// the jurisdiction (the ticket's region not within the caller's → the NOT_FOUND of an absent
// ticket), then the view.
absl::StatusOr<TicketView> ViewFor(const service::Principal& caller,
                                   const hotline::common::v1::Ticket& ticket);

}  // namespace hotline::intake
