#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hotline/common/v1/auth.pb.h"
#include "hotline/common/v1/ticket.pb.h"
#include "hotline/routing/v1/routing.pb.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "libs/domain/ticket_lifecycle.h"
#include "services/routing/app/delegated_regions.h"
#include "services/routing/app/directory_cache.h"
#include "services/routing/app/routing_stores.h"

namespace prometheus {
class Counter;
class Registry;
}  // namespace prometheus

namespace hotline::routing {

// Why routing is deciding.
struct RouteRequest {
  std::string trigger;  // "accepted", "emergency", "returned", "reopened", "resumed"
  bool child_protection_emergency = false;
  // After a return: the unit's objection, shown to the hotline office if it comes to the queue.
  std::string objection;
  std::string objecting_unit_id;
  // Intake accepted it from a caller the office flagged as malicious: the office reviews first.
  bool caller_flagged = false;
  // The office upheld the ticket's third objection: it designates a unit rather than routing.
  bool designation_due = false;
};

// Why provincial transfer gave a ticket back (transfer.needs_manual_dispatch).
struct ReturnedTransfer {
  std::string reason_code;  // "transfer.outside_province", "transfer.misdirected", …
  // A misdirected return: the instance that gave it back, and its routing's reason.
  std::string from_instance;
  std::string returned_reason_code;
};

// Carries out routing decisions: the assignments, the ticket's transition, routing's events, the
// stored explanation and the manual queue, all in the caller's transaction.
class Dispatcher {
 public:
  // `delegated` (nullable: none) says which places another instance serves.
  Dispatcher(const RoutingStores& stores, DirectoryCache& directory, const Clock& clock,
             std::string jurisdiction, prometheus::Registry* registry /* nullable */,
             DelegatedRegions* delegated = nullptr);

  // Decides by the directory and catalogue where `ticket` (PENDING_DISPATCH, EMERGENCY_REFERRED
  // or REOPENED) goes, and does it. `routing` is the ticket's RoutingStateOf, read in `tx`.
  absl::StatusOr<hotline::routing::v1::RoutingDecision> Route(
      Transaction& tx, const hotline::common::v1::Ticket& ticket, const TicketRouting& routing,
      const RouteRequest& request, const hotline::common::v1::Actor& actor) const;

  // Starts a new round with the named units and moves the ticket by `action` (DISPATCH or
  // REASSIGN); `decision` is completed (round, time, version, units) and stored.
  absl::StatusOr<std::vector<hotline::routing::v1::Assignment>> Assign(
      Transaction& tx, const hotline::common::v1::Ticket& ticket, const TicketRouting& routing,
      domain::TicketAction action, const std::vector<NewAssignment>& units,
      hotline::routing::v1::RoutingDecision decision,
      const hotline::common::v1::Actor& actor) const;

  // Puts a ticket that provincial transfer gave back (TRANSFERRED_OUT) in the manual queue with
  // transfer's reason code; a misdirected return shows as the returning instance's objection.
  absl::StatusOr<hotline::routing::v1::RoutingDecision> QueueReturnedTransfer(
      Transaction& tx, const hotline::common::v1::Ticket& ticket, const TicketRouting& routing,
      const ReturnedTransfer& returned, const hotline::common::v1::Actor& actor) const;

  const std::string& jurisdiction() const { return jurisdiction_; }
  const RoutingStores& stores() const { return stores_; }

 private:
  absl::StatusOr<hotline::routing::v1::RoutingDecision> ToManualQueue(
      Transaction& tx, const hotline::common::v1::Ticket& ticket, const TicketRouting& routing,
      const RouteRequest& request, hotline::routing::v1::RoutingDecision decision,
      const hotline::common::v1::Actor& actor) const;
  absl::StatusOr<hotline::routing::v1::RoutingDecision> TransferOut(
      Transaction& tx, const hotline::common::v1::Ticket& ticket, const TicketRouting& routing,
      hotline::routing::v1::RoutingDecision decision, std::vector<std::string> departments,
      const hotline::common::v1::Actor& actor) const;
  // Reopened: the last round's lead and co-handlers again, if the lead is still active.
  std::vector<NewAssignment> PreviousUnits(Transaction& tx, int64_t ticket_id, int round) const;
  void Count(hotline::routing::v1::DecisionOutcome outcome) const;

  const RoutingStores stores_;
  DirectoryCache& directory_;
  DelegatedRegions* const delegated_;
  const Clock& clock_;
  const std::string jurisdiction_;
  std::vector<prometheus::Counter*> decisions_;  // by DecisionOutcome number
};

}  // namespace hotline::routing
