#pragma once

#include "absl/status/status.h"
#include "libs/service/access_table.h"
#include "libs/service/principal.h"
#include "services/routing/app/unit_inbox.h"

namespace hotline::routing {

// Who may call each RPC of hotline.routing.v1.Routing, and how far (the table in access.cc; the
// root README's security section prints it). The auth interceptor enforces the roles and the
// instance-wide rule before any handler runs; the scoped rules are checked where the rows are
// read (libs/service/ticket_reach.h).
const service::AccessTable& RoutingAccess();

// ListAssignments: a unit sees only its own inbox (its own when none is named); the hotline
// office and operators name a unit within their jurisdiction.
absl::Status ScopeInbox(const service::Principal& caller, InboxQuery& query);

}  // namespace hotline::routing
