// The hotline office's RPCs: the manual queue, dispatch by hand, reassignment, explanations.
#include "libs/service/rpc_handler.h"
#include "services/routing/api/routing_service.h"

namespace hotline::routing {
namespace {

namespace common = hotline::common::v1;

template <typename Request>
NamedUnits NamedUnitsOf(const Request& r) {
  return {r.lead_unit_id(), {r.co_handler_unit_ids().begin(), r.co_handler_unit_ids().end()}};
}

// The new round's assignments; the ticket is DISPATCHED.
template <typename Response>
absl::Status Answer(absl::StatusOr<DispatchOutcome> outcome, Response* response) {
  if (!outcome.ok()) return outcome.status();
  for (v1::Assignment& a : outcome->assignments) *response->add_assignments() = std::move(a);
  response->set_ticket_state(common::TICKET_STATE_DISPATCHED);
  return absl::OkStatus();
}

}  // namespace

grpc::Status RoutingService::Reassign(Context* context, const v1::ReassignRequest* request,
                                      v1::ReassignResponse* response) {
  return Serve(context, [&](const service::Principal& caller) {
    ReassignCommand command{request->ticket_number(), NamedUnitsOf(*request), request->reason()};
    return Answer(use_cases_.office.Reassign(caller.ToActor(), command), response);
  });
}

grpc::Status RoutingService::ListManualQueue(Context* context,
                                             const v1::ListManualQueueRequest* request,
                                             v1::ListManualQueueResponse* response) {
  return Serve(context, [&](const service::Principal& caller) {
    absl::StatusOr<QueuePage> page = use_cases_.office.ListManualQueue(
        caller.ToActor(), {request->page_size(), request->page_token()});
    if (!page.ok()) return page.status();
    for (v1::ManualQueueEntry& e : page->entries) *response->add_entries() = std::move(e);
    response->set_next_page_token(std::move(page->next_page_token));
    return absl::OkStatus();
  });
}

grpc::Status RoutingService::DispatchManually(Context* context,
                                              const v1::DispatchManuallyRequest* request,
                                              v1::DispatchManuallyResponse* response) {
  return Serve(context, [&](const service::Principal& caller) {
    ManualDispatchCommand command{request->ticket_number(), NamedUnitsOf(*request),
                                  request->note()};
    return Answer(use_cases_.office.DispatchManually(caller.ToActor(), command), response);
  });
}

grpc::Status RoutingService::ExplainRouting(Context* context,
                                            const v1::ExplainRoutingRequest* request,
                                            v1::ExplainRoutingResponse* response) {
  return Serve(context, [&](const service::Principal& caller) {
    auto decisions = use_cases_.office.Explain(caller.ToActor(), request->ticket_number());
    if (!decisions.ok()) return decisions.status();
    for (v1::RoutingDecision& d : *decisions) *response->add_decisions() = std::move(d);
    return absl::OkStatus();
  });
}

}  // namespace hotline::routing
