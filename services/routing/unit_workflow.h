#pragma once

#include "absl/status/statusor.h"
#include "hotline/routing/v1/routing.pb.h"
#include "libs/common/clock.h"
#include "libs/pg/pg_pool.h"
#include "libs/service/token_auth.h"
#include "services/routing/dispatcher.h"

namespace hotline::routing {

// The handling unit's side (承办单位): its inbox, sign for (签收), return (退单), reply (答复).
// A unit acts only on its own assignments (the token's name is the unit id).
class UnitWorkflow {
 public:
  UnitWorkflow(pg::PgPool& pool, const Dispatcher& dispatcher, const Clock& clock)
      : pool_(pool), dispatcher_(dispatcher), clock_(clock) {}

  absl::StatusOr<hotline::routing::v1::ListAssignmentsResponse> List(
      const service::Principal& caller, const hotline::routing::v1::ListAssignmentsRequest& r);
  // The ticket behind the caller's assignment, with the caller withheld when they asked for it;
  // the read is written to routing_audit_reads.
  absl::StatusOr<hotline::routing::v1::GetAssignedTicketResponse> GetAssignedTicket(
      const service::Principal& caller, const hotline::routing::v1::GetAssignedTicketRequest& r);
  // The lead signing moves the ticket to IN_PROGRESS.
  absl::StatusOr<hotline::routing::v1::SignForResponse> SignFor(
      const service::Principal& caller, const hotline::routing::v1::SignForRequest& r);
  // Only before signing, with a reason. The lead returning re-routes the ticket without that
  // unit, or puts it in the manual queue with the objection; a co-handler returning only drops
  // its own part.
  absl::StatusOr<hotline::routing::v1::ReturnAssignmentResponse> Return(
      const service::Principal& caller, const hotline::routing::v1::ReturnAssignmentRequest& r);
  // A co-handler's opinion, or the lead's reply: the lead may reply once every co-handler of the
  // round has replied (or returned, or its reply limit has passed); its reply carries their
  // opinions and moves the ticket to REPLIED.
  absl::StatusOr<hotline::routing::v1::SubmitReplyResponse> Reply(
      const service::Principal& caller, const hotline::routing::v1::SubmitReplyRequest& r);

 private:
  pg::PgPool& pool_;
  const Dispatcher& dispatcher_;
  const Clock& clock_;
};

}  // namespace hotline::routing
