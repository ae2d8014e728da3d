#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "hotline/common/v1/auth.pb.h"
#include "hotline/routing/v1/routing.pb.h"
#include "libs/common/transaction.h"
#include "services/routing/app/dispatcher.h"

namespace hotline::routing {

// A lead's return taking effect (the office upheld its objection): `lead` (locked, DISPATCHED)
// becomes RETURNED with `objection` as its reason, the round's other live parts are withdrawn,
// the ticket goes back to PENDING_DISPATCH and is routed again without the units that returned
// it, or, when `designation_due`, queued for the office to designate a unit. All by `actor`, in
// `tx`; the routing decision.
absl::StatusOr<hotline::routing::v1::RoutingDecision> ReturnLeadAndRoute(
    Transaction& tx, const Dispatcher& dispatcher, int64_t ticket_id,
    hotline::routing::v1::Assignment& lead, const std::string& objection,
    const hotline::common::v1::Actor& actor, bool designation_due);

}  // namespace hotline::routing
