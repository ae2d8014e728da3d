#pragma once

#include "absl/status/statusor.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "libs/pg/pg_pool.h"
#include "libs/service/token_auth.h"
#include "services/deadline-supervision/supervision_context.h"

namespace hotline::supervision {

// The hotline office's own steps: urging by hand (督办), review of the lead's reply (审核), and
// the follow-up call with the caller's evaluation (回访、评价).
class OfficeSupervision {
 public:
  OfficeSupervision(pg::PgPool& pool, const SupervisionContext& ctx) : pool_(pool), ctx_(ctx) {}

  absl::StatusOr<hotline::supervision::v1::UrgeResponse> Urge(
      const service::Principal& caller, const hotline::supervision::v1::UrgeRequest& r);
  // Approve: REPLIED → CLOSED. Send back: REPLIED → IN_PROGRESS with the reason; routing hands
  // the lead's part back to it and the handling clock runs again.
  absl::StatusOr<hotline::supervision::v1::ReviewResponse> Review(
      const service::Principal& caller, const hotline::supervision::v1::ReviewRequest& r);
  // On a CLOSED or ANSWERED ticket. Reached and satisfied (非常满意/满意/基本满意) and resolved:
  // FOLLOWED_UP, archived after the policy's retention. Dissatisfied or unresolved: REOPENED
  // (重办), which routing dispatches again to the same lead. Unreachable: counted; after the
  // policy's number of attempts, FOLLOWED_UP with that outcome and archived.
  absl::StatusOr<hotline::supervision::v1::RecordFollowUpResponse> RecordFollowUp(
      const service::Principal& caller, const hotline::supervision::v1::RecordFollowUpRequest& r);

 private:
  pg::PgPool& pool_;
  const SupervisionContext& ctx_;
};

}  // namespace hotline::supervision
