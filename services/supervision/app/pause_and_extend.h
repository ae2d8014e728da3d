#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hotline/common/v1/auth.pb.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "services/supervision/app/supervision_context.h"
#include "services/supervision/store/request_store.h"

namespace hotline::supervision {

// A step on a ticket by its number, for the caller `actor` (its principal is the unit id when a
// unit acts).
struct TicketCommand {
  std::string ticket_number;
  std::string reason;
  hotline::common::v1::Actor actor;
};

// The office's decision on a request.
struct DecisionCommand {
  int64_t request_id = 0;
  bool approve = false;
  std::string reason;
  hotline::common::v1::Actor actor;
};

struct SuspendResult {
  bool suspended = false;  // at once
  int64_t request_id = 0;  // or waiting for the office
};

struct ExtensionCommand {
  std::string ticket_number;
  std::string reason;
  google::protobuf::Timestamp requested_due_at;  // kept as sent: the answer echoes it
  hotline::common::v1::Actor actor;              // the lead unit
};

struct ExtensionDecision {
  hotline::supervision::v1::ExtensionRequest request;
  std::optional<hotline::supervision::v1::Clock> handling;  // moved when approved
};

// 挂起 and 延期. A suspension moves the ticket to SUSPENDED (its clocks pause as the event is
// handled); the lead unit's request waits for the office when the policy says so. An extension
// is asked by the lead unit before the handling clock is due and decided by the office; the
// decision is an event for the caller and the unit.
class PauseAndExtend {
 public:
  PauseAndExtend(const SupervisionContext& ctx, RequestStore& requests)
      : ctx_(ctx), requests_(requests) {}

  absl::StatusOr<SuspendResult> Suspend(const TicketCommand& c, const TicketGate& gate);
  // The ticket's state after the decision.
  absl::StatusOr<hotline::common::v1::TicketState> DecideSuspension(const DecisionCommand& c,
                                                                    const TicketGate& gate);
  absl::StatusOr<hotline::common::v1::TicketState> Resume(const TicketCommand& c,
                                                          const TicketGate& gate);
  // The stored PENDING request.
  absl::StatusOr<hotline::supervision::v1::ExtensionRequest> RequestExtension(
      const ExtensionCommand& c, const TicketGate& gate);
  absl::StatusOr<ExtensionDecision> DecideExtension(const DecisionCommand& c,
                                                    const TicketGate& gate);

 private:
  const SupervisionContext& ctx_;
  RequestStore& requests_;
};

}  // namespace hotline::supervision
