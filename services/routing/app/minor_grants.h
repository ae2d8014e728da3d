#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hotline/common/v1/auth.pb.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "services/routing/app/routing_stores.h"
#include "services/routing/store/audit_store.h"
#include "services/routing/store/grant_store.h"

namespace hotline::routing {

// Lets `unit_id` see the minor's identifying details on ticket `ticket_number` until
// `expires_at`, for `reason`.
struct GrantCommand {
  std::string ticket_number;
  std::string unit_id;
  std::string reason;
  absl::Time expires_at = absl::InfinitePast();
};

struct RevokeCommand {
  std::string ticket_number;
  std::string unit_id;
  std::string reason;
};

struct GrantOutcome {
  int64_t grant_id = 0;
  absl::Time expires_at;
};

// The hotline office widens need-to-know on a minor's ticket (严格控制知悉范围): only the lead
// unit sees who called and where the family lives, unless the office grants a co-handler or a
// notified unit sight of them, for a reason and for a while, and it may end the grant early.
// Each grant and revocation is written to the audit trail in the same transaction.
class MinorGrants {
 public:
  MinorGrants(TransactionRunner& transactions, const RoutingStores& stores,
              const GrantStore& grants, const AuditStore& audit, const Clock& clock)
      : transactions_(transactions),
        stores_(stores),
        grants_(grants),
        audit_(audit),
        clock_(clock) {}
  // The longest a grant may run: past it the office decides again.
  static constexpr absl::Duration kMaxGrant = absl::Hours(24 * 30);

  // INVALID_ARGUMENT for a missing field, a reason too long, an expiry not ahead or beyond
  // kMaxGrant; NOT_FOUND for a ticket outside the office's jurisdiction; FAILED_PRECONDITION when
  // the ticket involves no minor or the unit holds no live co-handler or notified assignment of
  // its latest round.
  absl::StatusOr<GrantOutcome> Grant(const hotline::common::v1::Actor& office,
                                     const GrantCommand& command);
  // Ends the unit's live grants on the ticket; NOT_FOUND when there is none. Returns how many.
  absl::StatusOr<int> Revoke(const hotline::common::v1::Actor& office,
                             const RevokeCommand& command);

 private:
  TransactionRunner& transactions_;
  const RoutingStores stores_;
  const GrantStore& grants_;
  const AuditStore& audit_;
  const Clock& clock_;
};

}  // namespace hotline::routing
