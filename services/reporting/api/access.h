#pragma once

#include "absl/status/status.h"
#include "libs/service/access_table.h"
#include "libs/service/principal.h"
#include "services/reporting/store/counter_store.h"

namespace hotline::reporting {

// Who may call each RPC of hotline.reporting.v1.Reporting, and how far (the table in access.cc;
// the root README's security section prints it). The auth interceptor enforces the roles and the
// instance-wide rule before any handler runs; ScopeFilter narrows what a read covers.
const service::AccessTable& ReportingAccess();

// Narrows `filter` to what the caller may see: no region prefix = the caller's jurisdiction; a
// prefix outside it is PERMISSION_DENIED. A unit sees only its own figures (its unit id is the
// filter; another unit's is PERMISSION_DENIED).
absl::Status ScopeFilter(const service::Principal& caller, CellFilter& filter);

}  // namespace hotline::reporting
