#pragma once

#include "absl/status/statusor.h"
#include "hotline/routing/v1/routing.pb.h"
#include "libs/common/clock.h"
#include "libs/pg/pg_pool.h"
#include "libs/service/token_auth.h"
#include "services/routing/dispatcher.h"

namespace hotline::routing {

// The hotline office's side (ROLE_SUPERVISOR, within its region prefix): the manual queue (研判),
// dispatch by hand, reassignment (改派), and the explanation of every routing decision.
class OfficeActions {
 public:
  OfficeActions(pg::PgPool& pool, const Dispatcher& dispatcher)
      : pool_(pool), dispatcher_(dispatcher) {}

  absl::StatusOr<hotline::routing::v1::ListManualQueueResponse> ListManualQueue(
      const service::Principal& caller, const hotline::routing::v1::ListManualQueueRequest& r);
  absl::StatusOr<hotline::routing::v1::DispatchManuallyResponse> DispatchManually(
      const service::Principal& caller, const hotline::routing::v1::DispatchManuallyRequest& r);
  // Withdraws the live assignments of the current round and starts a new one with the named units.
  absl::StatusOr<hotline::routing::v1::ReassignResponse> Reassign(
      const service::Principal& caller, const hotline::routing::v1::ReassignRequest& r);
  absl::StatusOr<hotline::routing::v1::ExplainRoutingResponse> Explain(
      const service::Principal& caller, const hotline::routing::v1::ExplainRoutingRequest& r);

 private:
  pg::PgPool& pool_;
  const Dispatcher& dispatcher_;
};

}  // namespace hotline::routing
