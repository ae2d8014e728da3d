// The handling unit's RPCs: its inbox, the ticket behind an assignment, sign for, return, reply.
#include "libs/common/proto_time.h"
#include "libs/service/rpc_handler.h"
#include "services/routing/api/access.h"
#include "services/routing/api/routing_service.h"

namespace hotline::routing {
namespace {

// A unit's answer: the assignment after the action and where the ticket stands.
template <typename Response>
absl::Status Answer(absl::StatusOr<AssignmentOutcome> outcome, Response* response) {
  if (!outcome.ok()) return outcome.status();
  *response->mutable_assignment() = std::move(outcome->assignment);
  response->set_ticket_state(outcome->ticket_state);
  return absl::OkStatus();
}

}  // namespace

grpc::Status RoutingService::ListAssignments(Context* context,
                                             const v1::ListAssignmentsRequest* request,
                                             v1::ListAssignmentsResponse* response) {
  return Serve(context, [&](const service::Principal& caller) {
    InboxQuery query{request->unit_id(), request->state(), request->page_size(),
                     request->page_token(), std::nullopt};
    if (absl::Status scoped = ScopeInbox(caller, query); !scoped.ok()) return scoped;
    absl::StatusOr<InboxPage> page = use_cases_.inbox.List(query);
    if (!page.ok()) return page.status();
    for (v1::Assignment& a : page->assignments) *response->add_assignments() = std::move(a);
    response->set_next_page_token(std::move(page->next_page_token));
    return absl::OkStatus();
  });
}

grpc::Status RoutingService::GetAssignedTicket(Context* context,
                                               const v1::GetAssignedTicketRequest* request,
                                               v1::GetAssignedTicketResponse* response) {
  return Serve(context, [&](const service::Principal& caller) {
    absl::StatusOr<AssignedTicket> read =
        use_cases_.inbox.GetAssignedTicket(caller.ToActor(), request->assignment_id());
    if (!read.ok()) return read.status();
    *response->mutable_assignment() = std::move(read->assignment);
    *response->mutable_ticket() = std::move(read->ticket);
    for (std::string& s : read->supplements) response->add_supplements(std::move(s));
    response->set_caller_withheld(read->caller_withheld);
    return absl::OkStatus();
  });
}

grpc::Status RoutingService::SignFor(Context* context, const v1::SignForRequest* request,
                                     v1::SignForResponse* response) {
  return Serve(context, [&](const service::Principal& caller) {
    return Answer(use_cases_.units.SignFor(caller.ToActor(), {request->assignment_id()}), response);
  });
}

grpc::Status RoutingService::ReturnAssignment(Context* context,
                                              const v1::ReturnAssignmentRequest* request,
                                              v1::ReturnAssignmentResponse* response) {
  return Serve(context, [&](const service::Principal& caller) {
    absl::StatusOr<AssignmentOutcome> outcome =
        use_cases_.units.Return(caller.ToActor(), {request->assignment_id(), request->reason()});
    if (outcome.ok() && outcome->decision) {
      *response->mutable_decision() = *std::move(outcome->decision);
    }
    if (outcome.ok() && outcome->objection) {
      *response->mutable_objection() = *std::move(outcome->objection);
    }
    return Answer(std::move(outcome), response);
  });
}

grpc::Status RoutingService::SubmitReply(Context* context, const v1::SubmitReplyRequest* request,
                                         v1::SubmitReplyResponse* response) {
  return Serve(context, [&](const service::Principal& caller) {
    return Answer(
        use_cases_.units.Reply(caller.ToActor(), {request->assignment_id(), request->content()}),
        response);
  });
}

grpc::Status RoutingService::RecordCallerContact(Context* context,
                                                 const v1::RecordCallerContactRequest* request,
                                                 v1::RecordCallerContactResponse* response) {
  return Serve(context, [&](const service::Principal& caller) {
    CallerContactCommand command{request->assignment_id(), request->means(), std::nullopt};
    if (request->has_contacted_at()) command.contacted_at = FromTimestamp(request->contacted_at());
    absl::StatusOr<RecordedContact> recorded =
        use_cases_.units.RecordCallerContact(caller.ToActor(), command);
    if (!recorded.ok()) return recorded.status();
    *response->mutable_contact() = std::move(recorded->contact);
    response->set_first_of_round(recorded->first);
    return absl::OkStatus();
  });
}

}  // namespace hotline::routing
