#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hotline/common/v1/auth.pb.h"
#include "hotline/routing/v1/routing.pb.h"
#include "libs/common/transaction.h"
#include "services/routing/app/dispatcher.h"

namespace hotline::routing {

// Units named by the hotline office: the lead and its co-handlers.
struct NamedUnits {
  std::string lead_unit_id;
  std::vector<std::string> co_handler_unit_ids;
};

struct ManualDispatchCommand {
  std::string ticket_number;
  NamedUnits units;
  std::string note;
};

struct ReassignCommand {
  std::string ticket_number;
  NamedUnits units;
  std::string reason;
};

// Checks the named units: the lead is required (its field named `lead_field`), no unit twice;
// each must be an active unit in the instance's and the office's jurisdiction.
absl::StatusOr<std::vector<NewAssignment>> CheckNamedUnits(
    const ActiveUnitStore& store, Transaction& tx, const std::string& office_jurisdiction,
    const std::string& jurisdiction, const NamedUnits& named,
    const std::string& lead_field = "lead_unit_id");

// The new round's assignments; the ticket is DISPATCHED.
struct DispatchOutcome {
  std::vector<hotline::routing::v1::Assignment> assignments;
};

struct QueuePageQuery {
  int page_size = 0;  // 0 = 50
  std::string page_token;
};

struct QueuePage {
  std::vector<hotline::routing::v1::ManualQueueEntry> entries;
  std::string next_page_token;
};

// The hotline office's side, within `office`'s jurisdiction: the manual queue (研判), dispatch by
// hand, reassignment (改派), and the explanation of every routing decision.
class OfficeActions {
 public:
  OfficeActions(TransactionRunner& transactions, const Dispatcher& dispatcher)
      : transactions_(transactions), dispatcher_(dispatcher) {}

  // Most urgent first, then oldest.
  absl::StatusOr<QueuePage> ListManualQueue(const hotline::common::v1::Actor& office,
                                            const QueuePageQuery& query);
  absl::StatusOr<DispatchOutcome> DispatchManually(const hotline::common::v1::Actor& office,
                                                   const ManualDispatchCommand& command);
  // Withdraws the live assignments of the current round and starts a new one with the named units.
  absl::StatusOr<DispatchOutcome> Reassign(const hotline::common::v1::Actor& office,
                                           const ReassignCommand& command);
  // Every decision for the ticket, oldest first.
  absl::StatusOr<std::vector<hotline::routing::v1::RoutingDecision>> Explain(
      const hotline::common::v1::Actor& office, const std::string& ticket_number);

 private:
  TransactionRunner& transactions_;
  const Dispatcher& dispatcher_;
};

}  // namespace hotline::routing
