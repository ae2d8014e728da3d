#pragma once

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "libs/service/token_auth.h"
#include "services/reporting/store/counter_store.h"

namespace hotline::reporting {

// PERMISSION_DENIED unless the caller's role may call `rpc` (a method of
// hotline.reporting.v1.Reporting); the table is in access.cc and the README says the same.
absl::Status RequireAccess(absl::string_view rpc, const service::Principal& caller);

// Narrows `filter` to what the caller may see: no region prefix = the caller's jurisdiction; a
// prefix outside it is PERMISSION_DENIED. A unit sees only its own figures (its unit id is the
// filter; another unit's is PERMISSION_DENIED).
absl::Status ScopeFilter(const service::Principal& caller, CellFilter& filter);

}  // namespace hotline::reporting
