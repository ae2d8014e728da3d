// The hotline office's objection review (派单异议审核): the queue, the decisions, designation,
// and the return windows.
#include "absl/time/time.h"
#include "services/routing/api/routing_service.h"

namespace hotline::routing {
namespace {

namespace common = hotline::common::v1;

ObjectionWindowRule RuleOf(const v1::ObjectionWindow& w) {
  return {w.category_prefix(), w.working_days(), w.calendar()};
}

void ToProto(const ObjectionWindowRule& rule, v1::ObjectionWindow* w) {
  w->set_category_prefix(rule.category_prefix);
  w->set_working_days(rule.working_days);
  w->set_calendar(rule.calendar);
}

}  // namespace

grpc::Status RoutingService::ListObjections(Context* context,
                                            const v1::ListObjectionsRequest* request,
                                            v1::ListObjectionsResponse* response) {
  return Serve(context, [&](const service::Principal& caller) -> absl::Status {
    ObjectionQuery query;
    query.filter.region_prefix = request->region_prefix();
    query.filter.category_prefix = request->category_prefix();
    query.filter.urgency = static_cast<int>(request->urgency());
    if (request->has_min_age()) {
      query.min_age = absl::Seconds(request->min_age().seconds()) +
                      absl::Nanoseconds(request->min_age().nanos());
    }
    query.page_size = request->page_size();
    query.page_token = request->page_token();
    absl::StatusOr<ObjectionPage> page = use_cases_.objections.List(caller.ToActor(), query);
    if (!page.ok()) return page.status();
    for (v1::Objection& o : page->objections) *response->add_objections() = std::move(o);
    response->set_next_page_token(std::move(page->next_page_token));
    response->set_total(page->total);
    return absl::OkStatus();
  });
}

grpc::Status RoutingService::DecideObjection(Context* context,
                                             const v1::DecideObjectionRequest* request,
                                             v1::DecideObjectionResponse* response) {
  return Serve(context, [&](const service::Principal& caller) -> absl::Status {
    absl::StatusOr<ObjectionOutcome> outcome = use_cases_.objections.Decide(
        caller.ToActor(), {request->objection_id(), request->decision(), request->reason()});
    if (!outcome.ok()) return outcome.status();
    *response->mutable_objection() = std::move(outcome->objection);
    response->set_ticket_state(outcome->ticket_state);
    if (outcome->decision) *response->mutable_decision() = *std::move(outcome->decision);
    return absl::OkStatus();
  });
}

grpc::Status RoutingService::DesignateUnit(Context* context,
                                           const v1::DesignateUnitRequest* request,
                                           v1::DesignateUnitResponse* response) {
  return Serve(context, [&](const service::Principal& caller) -> absl::Status {
    absl::StatusOr<DispatchOutcome> outcome = use_cases_.objections.Designate(
        caller.ToActor(), {request->ticket_number(), request->unit_id(), request->reason()});
    if (!outcome.ok()) return outcome.status();
    for (v1::Assignment& a : outcome->assignments) *response->add_assignments() = std::move(a);
    response->set_ticket_state(common::TICKET_STATE_DISPATCHED);
    return absl::OkStatus();
  });
}

grpc::Status RoutingService::SetObjectionWindow(Context* context,
                                                const v1::SetObjectionWindowRequest* request,
                                                v1::SetObjectionWindowResponse* response) {
  return Serve(context, [&](const service::Principal&) -> absl::Status {
    absl::StatusOr<ObjectionWindowRule> set =
        use_cases_.objections.SetWindow(RuleOf(request->window()));
    if (!set.ok()) return set.status();
    ToProto(*set, response->mutable_window());
    return absl::OkStatus();
  });
}

grpc::Status RoutingService::ListObjectionWindows(Context* context,
                                                  const v1::ListObjectionWindowsRequest*,
                                                  v1::ListObjectionWindowsResponse* response) {
  return Serve(context, [&](const service::Principal&) -> absl::Status {
    absl::StatusOr<std::vector<ObjectionWindowRule>> windows = use_cases_.objections.Windows();
    if (!windows.ok()) return windows.status();
    for (const ObjectionWindowRule& rule : *windows) ToProto(rule, response->add_windows());
    return absl::OkStatus();
  });
}

}  // namespace hotline::routing
