#include "services/deadline-supervision/supervision_service.h"

#include "libs/service/rpc_handler.h"
#include "libs/ticketstore/ticket_row.h"

namespace hotline::supervision {

using service::FillResponse;
using service::HandleRpc;
using service::Principal;

grpc::Status SupervisionService::GetDeadlines(Context* context,
                                              const v1::GetDeadlinesRequest* request,
                                              v1::GetDeadlinesResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(queries_.Get(caller, *request), response);
  });
}

grpc::Status SupervisionService::ListOverdue(Context* context,
                                             const v1::ListOverdueRequest* request,
                                             v1::ListClocksResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(queries_.Overdue(caller, *request), response);
  });
}

grpc::Status SupervisionService::ListDueSoon(Context* context,
                                             const v1::ListDueSoonRequest* request,
                                             v1::ListClocksResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(queries_.DueSoon(caller, *request), response);
  });
}

grpc::Status SupervisionService::Suspend(Context* context, const v1::SuspendRequest* request,
                                         v1::SuspendResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(pause_.Suspend(caller, *request), response);
  });
}

grpc::Status SupervisionService::DecideSuspension(Context* context,
                                                  const v1::DecideSuspensionRequest* request,
                                                  v1::DecideSuspensionResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(pause_.DecideSuspension(caller, *request), response);
  });
}

grpc::Status SupervisionService::Resume(Context* context, const v1::ResumeRequest* request,
                                        v1::ResumeResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(pause_.Resume(caller, *request), response);
  });
}

grpc::Status SupervisionService::RequestExtension(Context* context,
                                                  const v1::RequestExtensionRequest* request,
                                                  v1::RequestExtensionResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(pause_.RequestExtension(caller, *request), response);
  });
}

grpc::Status SupervisionService::DecideExtension(Context* context,
                                                 const v1::DecideExtensionRequest* request,
                                                 v1::DecideExtensionResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(pause_.DecideExtension(caller, *request), response);
  });
}

grpc::Status SupervisionService::Urge(Context* context, const v1::UrgeRequest* request,
                                      v1::UrgeResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(office_.Urge(caller, *request), response);
  });
}

grpc::Status SupervisionService::Review(Context* context, const v1::ReviewRequest* request,
                                        v1::ReviewResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(office_.Review(caller, *request), response);
  });
}

grpc::Status SupervisionService::RecordFollowUp(Context* context,
                                                const v1::RecordFollowUpRequest* request,
                                                v1::RecordFollowUpResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(office_.RecordFollowUp(caller, *request), response);
  });
}

grpc::Status SupervisionService::UpsertCalendar(Context* context,
                                                const v1::UpsertCalendarRequest* request,
                                                v1::UpsertCalendarResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(admin_.UpsertCalendar(caller, *request), response);
  });
}

grpc::Status SupervisionService::GetCalendar(Context* context,
                                             const v1::GetCalendarRequest* request,
                                             v1::GetCalendarResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(admin_.GetCalendar(caller, *request), response);
  });
}

grpc::Status SupervisionService::UpsertPolicy(Context* context,
                                              const v1::UpsertPolicyRequest* request,
                                              v1::UpsertPolicyResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(admin_.UpsertPolicy(caller, *request), response);
  });
}

grpc::Status SupervisionService::ListPolicies(Context* context,
                                              const v1::ListPoliciesRequest* request,
                                              v1::ListPoliciesResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(admin_.ListPolicies(caller), response);
  });
}

grpc::Status SupervisionService::UpsertEscalationStep(
    Context* context, const v1::UpsertEscalationStepRequest* request,
    v1::UpsertEscalationStepResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(admin_.UpsertRung(caller, *request), response);
  });
}

grpc::Status SupervisionService::ListEscalationSteps(Context* context,
                                                     const v1::ListEscalationStepsRequest* request,
                                                     v1::ListEscalationStepsResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    return FillResponse(admin_.ListRungs(caller), response);
  });
}

grpc::Status SupervisionService::SetClock(Context* context, const v1::SetClockRequest* request,
                                          v1::SetClockResponse*) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    if (controllable_clock_ == nullptr) {
      return absl::UnimplementedError("the service runs on the system clock");
    }
    if (caller.role != hotline::common::v1::ROLE_ADMIN) {
      return absl::PermissionDeniedError("the clock is set by operators (admin role)");
    }
    controllable_clock_->Set(ticketstore::FromTimestamp(request->now()));
    return absl::OkStatus();
  });
}

}  // namespace hotline::supervision
