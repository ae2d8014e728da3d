#pragma once

#include "absl/status/statusor.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "libs/pg/pg_pool.h"
#include "libs/service/token_auth.h"
#include "services/deadline-supervision/supervision_context.h"

namespace hotline::supervision {

// 挂起 and 延期. A suspension moves the ticket to SUSPENDED (its clocks pause as the event is
// handled); the lead unit's request waits for the office when the policy says so. An extension
// is asked by the lead unit before the handling clock is due and decided by the office; the
// decision is an event for the caller and the unit.
class PauseAndExtend {
 public:
  PauseAndExtend(pg::PgPool& pool, const SupervisionContext& ctx) : pool_(pool), ctx_(ctx) {}

  absl::StatusOr<hotline::supervision::v1::SuspendResponse> Suspend(
      const service::Principal& caller, const hotline::supervision::v1::SuspendRequest& r);
  absl::StatusOr<hotline::supervision::v1::DecideSuspensionResponse> DecideSuspension(
      const service::Principal& caller, const hotline::supervision::v1::DecideSuspensionRequest& r);
  absl::StatusOr<hotline::supervision::v1::ResumeResponse> Resume(
      const service::Principal& caller, const hotline::supervision::v1::ResumeRequest& r);
  absl::StatusOr<hotline::supervision::v1::RequestExtensionResponse> RequestExtension(
      const service::Principal& caller, const hotline::supervision::v1::RequestExtensionRequest& r);
  absl::StatusOr<hotline::supervision::v1::DecideExtensionResponse> DecideExtension(
      const service::Principal& caller, const hotline::supervision::v1::DecideExtensionRequest& r);

 private:
  pg::PgPool& pool_;
  const SupervisionContext& ctx_;
};

}  // namespace hotline::supervision
