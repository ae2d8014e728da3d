#pragma once

#include "hotline/supervision/v1/supervision.grpc.pb.h"
#include "libs/service/auth_interceptor.h"
#include "services/supervision/app/deadline_queries.h"
#include "services/supervision/app/office_queues.h"
#include "services/supervision/app/office_supervision.h"
#include "services/supervision/app/pause_and_extend.h"
#include "services/supervision/app/settings_admin.h"

namespace hotline::supervision {

struct SupervisionUseCases {
  DeadlineQueries& queries;
  PauseAndExtend& pause;
  OfficeSupervision& office;
  SettingsAdmin& admin;
  OfficeQueues& queues;
};

// gRPC adapter of hotline.supervision.v1.Supervision: checks the request's fields and the
// caller's role (api/access.h), runs the use case, fills the response.
class SupervisionService final : public hotline::supervision::v1::Supervision::Service {
 public:
  SupervisionService(SupervisionUseCases uc, service::CallerRegistry& callers)
      : queries_(uc.queries),
        pause_(uc.pause),
        office_(uc.office),
        admin_(uc.admin),
        queues_(uc.queues),
        callers_(callers) {}

  using Context = grpc::ServerContext;
  grpc::Status GetDeadlines(Context*, const v1::GetDeadlinesRequest*,
                            v1::GetDeadlinesResponse*) override;
  grpc::Status ListOverdue(Context*, const v1::ListOverdueRequest*,
                           v1::ListClocksResponse*) override;
  grpc::Status ListDueSoon(Context*, const v1::ListDueSoonRequest*,
                           v1::ListClocksResponse*) override;
  grpc::Status Suspend(Context*, const v1::SuspendRequest*, v1::SuspendResponse*) override;
  grpc::Status DecideSuspension(Context*, const v1::DecideSuspensionRequest*,
                                v1::DecideSuspensionResponse*) override;
  grpc::Status Resume(Context*, const v1::ResumeRequest*, v1::ResumeResponse*) override;
  grpc::Status RequestExtension(Context*, const v1::RequestExtensionRequest*,
                                v1::RequestExtensionResponse*) override;
  grpc::Status DecideExtension(Context*, const v1::DecideExtensionRequest*,
                               v1::DecideExtensionResponse*) override;
  grpc::Status Urge(Context*, const v1::UrgeRequest*, v1::UrgeResponse*) override;
  grpc::Status Review(Context*, const v1::ReviewRequest*, v1::ReviewResponse*) override;
  grpc::Status RecordFollowUp(Context*, const v1::RecordFollowUpRequest*,
                              v1::RecordFollowUpResponse*) override;
  grpc::Status ListPendingSuspensions(Context*, const v1::OfficeQueueRequest*,
                                      v1::OfficeQueueResponse*) override;
  grpc::Status ListPendingExtensions(Context*, const v1::OfficeQueueRequest*,
                                     v1::OfficeQueueResponse*) override;
  grpc::Status ListAwaitingReview(Context*, const v1::OfficeQueueRequest*,
                                  v1::OfficeQueueResponse*) override;
  grpc::Status ListFollowUpsDue(Context*, const v1::OfficeQueueRequest*,
                                v1::OfficeQueueResponse*) override;
  grpc::Status UpsertCalendar(Context*, const v1::UpsertCalendarRequest*,
                              v1::UpsertCalendarResponse*) override;
  grpc::Status GetCalendar(Context*, const v1::GetCalendarRequest*,
                           v1::GetCalendarResponse*) override;
  grpc::Status UpsertPolicy(Context*, const v1::UpsertPolicyRequest*,
                            v1::UpsertPolicyResponse*) override;
  grpc::Status ListPolicies(Context*, const v1::ListPoliciesRequest*,
                            v1::ListPoliciesResponse*) override;
  grpc::Status UpsertEscalationStep(Context*, const v1::UpsertEscalationStepRequest*,
                                    v1::UpsertEscalationStepResponse*) override;
  grpc::Status ListEscalationSteps(Context*, const v1::ListEscalationStepsRequest*,
                                   v1::ListEscalationStepsResponse*) override;

 private:
  // One of the office's queues for the caller (queue_rpcs.cc).
  grpc::Status ListQueue(Context* context, OfficeQueue queue, const v1::OfficeQueueRequest& request,
                         v1::OfficeQueueResponse* response);

  DeadlineQueries& queries_;
  PauseAndExtend& pause_;
  OfficeSupervision& office_;
  SettingsAdmin& admin_;
  OfficeQueues& queues_;
  service::CallerRegistry& callers_;
};

}  // namespace hotline::supervision
