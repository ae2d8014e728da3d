#include "services/supervision/api/supervision_service.h"

#include "libs/service/rpc_handler.h"
#include "services/supervision/api/access.h"
#include "services/supervision/api/request_checks.h"

namespace hotline::supervision {
namespace {

using service::HandleRpc;
using service::Principal;

// The list's clocks and the token of the next page.
absl::Status FillList(absl::StatusOr<ClockList> list, v1::ListClocksResponse* response) {
  if (!list.ok()) return list.status();
  for (v1::Clock& c : list->clocks) *response->add_clocks() = std::move(c);
  if (list->next) response->set_next_page_token(PageToken(*list->next));
  return absl::OkStatus();
}

// The office's list query for `caller`, once its role and fields have passed.
absl::StatusOr<ClockListQuery> ListQuery(const Principal& caller, int kind, int page_size,
                                         const std::string& page_token) {
  ClockListQuery q;
  if (absl::Status s = CheckPage(page_size, kind, page_token, &q.after); !s.ok()) return s;
  q.region_prefix = caller.jurisdiction;
  q.kind = kind;
  q.page_size = page_size;
  return q;
}

}  // namespace

grpc::Status SupervisionService::GetDeadlines(Context* context,
                                              const v1::GetDeadlinesRequest* request,
                                              v1::GetDeadlinesResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    if (absl::Status s = CheckTicketNumber(request->ticket_number()); !s.ok()) return s;
    auto deadlines = queries_.Get(request->ticket_number(), GateFor(caller, Need::kRead));
    if (!deadlines.ok()) return deadlines.status();
    for (v1::Clock& c : deadlines->clocks) *response->add_clocks() = std::move(c);
    for (v1::ExtensionRequest& e : deadlines->extensions) {
      *response->add_extensions() = std::move(e);
    }
    return absl::OkStatus();
  });
}

grpc::Status SupervisionService::ListOverdue(Context* context,
                                             const v1::ListOverdueRequest* request,
                                             v1::ListClocksResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    auto query = ListQuery(caller, request->kind(), request->page_size(), request->page_token());
    if (!query.ok()) return query.status();
    return FillList(queries_.Overdue(*query), response);
  });
}

grpc::Status SupervisionService::ListDueSoon(Context* context,
                                             const v1::ListDueSoonRequest* request,
                                             v1::ListClocksResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    absl::Duration within;
    if (absl::Status s = CheckWithin(*request, &within); !s.ok()) return s;
    auto query = ListQuery(caller, request->kind(), request->page_size(), request->page_token());
    if (!query.ok()) return query.status();
    return FillList(queries_.DueSoon(*query, within), response);
  });
}

grpc::Status SupervisionService::Suspend(Context* context, const v1::SuspendRequest* request,
                                         v1::SuspendResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    if (absl::Status s = CheckSuspend(*request); !s.ok()) return s;
    auto result = pause_.Suspend({request->ticket_number(), request->reason(), caller.ToActor()},
                                 GateFor(caller, Need::kOfficeOrLeadUnit));
    if (!result.ok()) return result.status();
    if (result->suspended) response->set_suspended(true);
    if (result->request_id != 0) response->set_request_id(result->request_id);
    return absl::OkStatus();
  });
}

grpc::Status SupervisionService::DecideSuspension(Context* context,
                                                  const v1::DecideSuspensionRequest* request,
                                                  v1::DecideSuspensionResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    const v1::DecideSuspensionRequest& r = *request;
    if (absl::Status s = CheckDecision(r.request_id(), r.approve(), r.reason()); !s.ok()) return s;
    auto state =
        pause_.DecideSuspension({r.request_id(), r.approve(), r.reason(), caller.ToActor()},
                                GateFor(caller, Need::kOffice));
    if (!state.ok()) return state.status();
    response->set_ticket_state(*state);
    return absl::OkStatus();
  });
}

grpc::Status SupervisionService::Resume(Context* context, const v1::ResumeRequest* request,
                                        v1::ResumeResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    if (absl::Status s = CheckTicketNumber(request->ticket_number()); !s.ok()) return s;
    auto state = pause_.Resume({request->ticket_number(), "", caller.ToActor()},
                               GateFor(caller, Need::kOfficeOrLeadUnit));
    if (!state.ok()) return state.status();
    response->set_ticket_state(*state);
    return absl::OkStatus();
  });
}

grpc::Status SupervisionService::RequestExtension(Context* context,
                                                  const v1::RequestExtensionRequest* request,
                                                  v1::RequestExtensionResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    const v1::RequestExtensionRequest& r = *request;
    if (absl::Status s = CheckRequestExtension(r); !s.ok()) return s;
    auto asked = pause_.RequestExtension(
        {r.ticket_number(), r.reason(), r.requested_due_at(), caller.ToActor()},
        GateFor(caller, Need::kLeadUnit));
    if (!asked.ok()) return asked.status();
    *response->mutable_request() = *std::move(asked);
    return absl::OkStatus();
  });
}

grpc::Status SupervisionService::DecideExtension(Context* context,
                                                 const v1::DecideExtensionRequest* request,
                                                 v1::DecideExtensionResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    const v1::DecideExtensionRequest& r = *request;
    if (absl::Status s = CheckDecision(r.request_id(), r.approve(), r.reason()); !s.ok()) return s;
    auto decided =
        pause_.DecideExtension({r.request_id(), r.approve(), r.reason(), caller.ToActor()},
                               GateFor(caller, Need::kOffice));
    if (!decided.ok()) return decided.status();
    *response->mutable_request() = std::move(decided->request);
    if (decided->handling) *response->mutable_handling() = *std::move(decided->handling);
    return absl::OkStatus();
  });
}

grpc::Status SupervisionService::Urge(Context* context, const v1::UrgeRequest* request,
                                      v1::UrgeResponse*) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    if (absl::Status s = CheckUrge(*request); !s.ok()) return s;
    return office_.Urge({request->ticket_number(), request->note(), caller.ToActor()},
                        GateFor(caller, Need::kOffice));
  });
}

grpc::Status SupervisionService::Review(Context* context, const v1::ReviewRequest* request,
                                        v1::ReviewResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    const v1::ReviewRequest& r = *request;
    if (absl::Status s = CheckReview(r); !s.ok()) return s;
    auto state = office_.Review({r.ticket_number(), r.approve(), r.reason(), caller.ToActor()},
                                GateFor(caller, Need::kOffice));
    if (!state.ok()) return state.status();
    response->set_ticket_state(*state);
    return absl::OkStatus();
  });
}

grpc::Status SupervisionService::RecordFollowUp(Context* context,
                                                const v1::RecordFollowUpRequest* request,
                                                v1::RecordFollowUpResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    const v1::RecordFollowUpRequest& r = *request;
    if (absl::Status s = CheckFollowUp(r); !s.ok()) return s;
    auto result = office_.RecordFollowUp(
        {r.ticket_number(), r.contact(), r.resolved(), r.satisfaction(), caller.ToActor()},
        GateFor(caller, Need::kOffice));
    if (!result.ok()) return result.status();
    response->set_ticket_state(result->ticket_state);
    response->set_attempts(result->attempts);
    return absl::OkStatus();
  });
}

grpc::Status SupervisionService::UpsertCalendar(Context* context,
                                                const v1::UpsertCalendarRequest* request,
                                                v1::UpsertCalendarResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    auto stored = admin_.UpsertCalendar(request->calendar());
    if (!stored.ok()) return stored.status();
    *response->mutable_calendar() = *std::move(stored);
    return absl::OkStatus();
  });
}

grpc::Status SupervisionService::GetCalendar(Context* context,
                                             const v1::GetCalendarRequest* request,
                                             v1::GetCalendarResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    auto calendar = admin_.GetCalendar(request->code());
    if (!calendar.ok()) return calendar.status();
    *response->mutable_calendar() = *std::move(calendar);
    return absl::OkStatus();
  });
}

grpc::Status SupervisionService::UpsertPolicy(Context* context,
                                              const v1::UpsertPolicyRequest* request,
                                              v1::UpsertPolicyResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    auto stored = admin_.UpsertPolicy(request->policy());
    if (!stored.ok()) return stored.status();
    *response->mutable_policy() = *std::move(stored);
    return absl::OkStatus();
  });
}

grpc::Status SupervisionService::ListPolicies(Context* context, const v1::ListPoliciesRequest*,
                                              v1::ListPoliciesResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    auto policies = admin_.ListPolicies();
    if (!policies.ok()) return policies.status();
    for (v1::Policy& p : *policies) *response->add_policies() = std::move(p);
    return absl::OkStatus();
  });
}

grpc::Status SupervisionService::UpsertEscalationStep(
    Context* context, const v1::UpsertEscalationStepRequest* request,
    v1::UpsertEscalationStepResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    auto stored = admin_.UpsertRung(request->rung());
    if (!stored.ok()) return stored.status();
    *response->mutable_rung() = *std::move(stored);
    return absl::OkStatus();
  });
}

grpc::Status SupervisionService::ListEscalationSteps(Context* context,
                                                     const v1::ListEscalationStepsRequest*,
                                                     v1::ListEscalationStepsResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    auto rungs = admin_.ListRungs();
    if (!rungs.ok()) return rungs.status();
    for (v1::EscalationRung& r : *rungs) *response->add_rungs() = std::move(r);
    return absl::OkStatus();
  });
}

}  // namespace hotline::supervision
