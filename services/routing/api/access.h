#pragma once

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "libs/service/token_auth.h"
#include "services/routing/app/unit_inbox.h"

namespace hotline::routing {

// PERMISSION_DENIED unless the caller's role may call `rpc` (a method of
// hotline.routing.v1.Routing); the table is in access.cc. Scope (own assignments, the caller's
// jurisdiction) is checked where the rows are read.
absl::Status RequireAccess(absl::string_view rpc, const service::Principal& caller);

// ListAssignments: a unit sees only its own inbox (its own when none is named); the hotline
// office and operators name a unit within their jurisdiction.
absl::Status ScopeInbox(const service::Principal& caller, InboxQuery& query);

}  // namespace hotline::routing
