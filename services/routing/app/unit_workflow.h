#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "hotline/common/v1/auth.pb.h"
#include "hotline/routing/v1/routing.pb.h"
#include "libs/common/clock.h"
#include "libs/common/transaction.h"
#include "services/routing/app/dispatcher.h"
#include "services/routing/app/return_window.h"
#include "services/routing/store/objection_store.h"

namespace hotline::routing {

struct SignForCommand {
  int64_t assignment_id = 0;
};

// Return (退单): only before signing, within the window after dispatch, with a reason.
struct ReturnCommand {
  int64_t assignment_id = 0;
  std::string reason;
};

// Reply (答复): a co-handler's opinion or the lead's reply.
struct ReplyCommand {
  int64_t assignment_id = 0;
  std::string content;
};

// A contact with the caller (响应): when (unset = now) and by what means; no text.
struct CallerContactCommand {
  int64_t assignment_id = 0;
  hotline::routing::v1::ContactMeans means = hotline::routing::v1::CONTACT_MEANS_UNSPECIFIED;
  std::optional<absl::Time> contacted_at;
};

// The assignment after the action and where the ticket stands.
struct AssignmentOutcome {
  hotline::routing::v1::Assignment assignment;
  hotline::common::v1::TicketState ticket_state = hotline::common::v1::TICKET_STATE_UNSPECIFIED;
  // Set when the ticket was routed again.
  std::optional<hotline::routing::v1::RoutingDecision> decision;
  // Set when a lead's return became an objection for the hotline office.
  std::optional<hotline::routing::v1::Objection> objection;
};

// The handling unit's side (承办单位): sign for (签收), return (退单), reply (答复). `unit` is the
// acting unit (its principal is the unit id); it acts only on its own assignments.
class UnitWorkflow {
 public:
  UnitWorkflow(TransactionRunner& transactions, const Dispatcher& dispatcher,
               const ObjectionStore& objections, const ReturnWindows& windows, const Clock& clock)
      : transactions_(transactions),
        dispatcher_(dispatcher),
        objections_(objections),
        windows_(windows),
        clock_(clock) {}

  // The lead signing moves the ticket to IN_PROGRESS (and withdraws its pending objection);
  // anyone else's signature is only recorded.
  absl::StatusOr<AssignmentOutcome> SignFor(const hotline::common::v1::Actor& unit,
                                            const SignForCommand& command);
  // Only within the window after dispatch (ReturnWindows), else FAILED_PRECONDITION naming it.
  // The lead's return is an objection (派单异议) that waits for the hotline office, its part
  // staying live (ObjectionReview decides); a designated lead cannot return, nor one whose
  // objection the office rejected. A co-handler returning only drops its own part.
  absl::StatusOr<AssignmentOutcome> Return(const hotline::common::v1::Actor& unit,
                                           const ReturnCommand& command);
  // The lead may reply once every co-handler of the round has replied (or returned, or its reply
  // limit has passed); its reply carries their opinions and moves the ticket to REPLIED.
  absl::StatusOr<AssignmentOutcome> Reply(const hotline::common::v1::Actor& unit,
                                          const ReplyCommand& command);
  // The lead records a contact with the caller on its live (dispatched or signed) assignment;
  // the assignment's first is reported as routing.caller_contacted, later ones only recorded.
  absl::StatusOr<RecordedContact> RecordCallerContact(const hotline::common::v1::Actor& unit,
                                                      const CallerContactCommand& command);

 private:
  TransactionRunner& transactions_;
  const Dispatcher& dispatcher_;
  const ObjectionStore& objections_;
  const ReturnWindows& windows_;
  const Clock& clock_;
};

}  // namespace hotline::routing
