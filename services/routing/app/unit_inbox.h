#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hotline/common/v1/auth.pb.h"
#include "hotline/common/v1/ticket.pb.h"
#include "hotline/routing/v1/routing.pb.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "services/routing/app/routing_stores.h"
#include "services/routing/store/audit_store.h"
#include "services/routing/store/grant_store.h"

namespace hotline::routing {

// A page of a unit's assignments, newest first.
struct InboxQuery {
  std::string unit_id;
  hotline::common::v1::AssignmentState state = hotline::common::v1::ASSIGNMENT_STATE_UNSPECIFIED;
  int page_size = 0;  // 0 = 50
  std::string page_token;
  // For the hotline office: the unit must be active and within this jurisdiction.
  std::optional<std::string> within_jurisdiction;
};

struct InboxPage {
  std::vector<hotline::routing::v1::Assignment> assignments;
  std::string next_page_token;
};

// The matter behind an assignment, as its unit may see it.
struct AssignedTicket {
  hotline::routing::v1::Assignment assignment;
  hotline::common::v1::Ticket ticket;
  std::vector<std::string> supplements;
  bool caller_withheld = false;
};

// What a handling unit reads: its inbox and the ticket behind an assignment.
class UnitInbox {
 public:
  // `grants`: the office's grants of a minor's details to units that are not the lead.
  UnitInbox(TransactionRunner& transactions, const RoutingStores& stores, const AuditStore& audit,
            const GrantStore& grants, const Clock& clock)
      : transactions_(transactions),
        stores_(stores),
        audit_(audit),
        grants_(grants),
        clock_(clock) {}

  absl::StatusOr<InboxPage> List(const InboxQuery& query);
  // The ticket behind `unit`'s live assignment (need-to-know: not returned or withdrawn; for a
  // co-handler or notified unit, of the latest round of an open ticket; otherwise the NOT_FOUND
  // of an absent one), with the caller withheld when they asked for it, and on a minor's ticket
  // from all but the lead unit (the address too) unless the office granted the unit sight of
  // them (minor_grants.h); the read is audited.
  absl::StatusOr<AssignedTicket> GetAssignedTicket(const hotline::common::v1::Actor& unit,
                                                   int64_t assignment_id);

 private:
  TransactionRunner& transactions_;
  const RoutingStores stores_;
  const AuditStore& audit_;
  const GrantStore& grants_;
  const Clock& clock_;
};

}  // namespace hotline::routing
