#include "services/example/example_service.h"

#include "libs/common/field_violations.h"
#include "libs/domain/region_code.h"
#include "libs/domain/ticket_lifecycle.h"
#include "libs/pg/transact.h"
#include "libs/service/rpc_handler.h"

namespace hotline::example {

namespace common = hotline::common::v1;
using service::HandleRpc;
using service::Principal;
using service::RequireRole;

grpc::Status ExampleService::WhoAmI(grpc::ServerContext* context, const v1::WhoAmIRequest*,
                                    v1::WhoAmIResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) {
    *response->mutable_actor() = caller.ToActor();
    return absl::OkStatus();
  });
}

grpc::Status ExampleService::OpenTicket(grpc::ServerContext* context,
                                        const v1::OpenTicketRequest* request,
                                        v1::OpenTicketResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    absl::Status allowed =
        RequireRole(caller, {common::ROLE_FRONTEND, common::ROLE_SUPERVISOR, common::ROLE_ADMIN});
    if (!allowed.ok()) return allowed;

    std::vector<FieldViolation> violations;
    if (request->kind() == common::TICKET_KIND_UNSPECIFIED ||
        !common::TicketKind_IsValid(request->kind())) {
      violations.push_back({"kind", "must be one of the TicketKind values"});
    }
    auto region = domain::RegionCode::Parse(request->region().code());
    if (!region.ok()) violations.push_back({"region.code", std::string(region.status().message())});
    if (request->category().empty() || request->category().size() > 100) {
      violations.push_back({"category", "must be 1 to 100 characters"});
    }
    if (!violations.empty()) return InvalidFields(std::move(violations));
    if (!domain::InJurisdiction(caller.jurisdiction, *region)) {
      return absl::PermissionDeniedError("region is outside this credential's area");
    }

    common::Ticket draft;
    draft.set_channel(common::CHANNEL_WEB);
    draft.set_source_line(common::SOURCE_LINE_12345);
    draft.set_kind(request->kind());
    draft.set_urgency(common::URGENCY_NORMAL);
    draft.set_category(request->category());
    draft.mutable_region()->set_code(region->code());
    auto ticket = pg::TransactFor<common::Ticket>(
        pool_, [&](pqxx::work& tx) { return tickets_.Create(tx, draft, caller.ToActor()); });
    if (!ticket.ok()) return ticket.status();
    *response->mutable_ticket() = *std::move(ticket);
    return absl::OkStatus();
  });
}

grpc::Status ExampleService::ApplyAction(grpc::ServerContext* context,
                                         const v1::ApplyActionRequest* request,
                                         v1::ApplyActionResponse* response) {
  return HandleRpc(callers_, context, [&](const Principal& caller) -> absl::Status {
    absl::Status allowed = RequireRole(caller, {common::ROLE_SUPERVISOR, common::ROLE_ADMIN});
    if (!allowed.ok()) return allowed;

    std::vector<FieldViolation> violations;
    if (request->ticket_id() <= 0) violations.push_back({"ticket_id", "must be positive"});
    if (request->action() == v1::TICKET_ACTION_UNSPECIFIED ||
        !v1::TicketAction_IsValid(request->action())) {
      violations.push_back({"action", "must be one of the TicketAction values"});
    }
    if (request->expected_version() < 0) {
      violations.push_back({"expected_version", "must be 0 (any) or a version"});
    }
    if (!violations.empty()) return InvalidFields(std::move(violations));

    auto ticket = pg::TransactFor<common::Ticket>(pool_, [&](pqxx::work& tx) {
      auto current = tickets_.Get(tx, request->ticket_id());
      if (!current.ok()) return current;
      if (!domain::InJurisdiction(caller.jurisdiction,
                                  *domain::RegionCode::Parse(current->region().code()))) {
        return absl::StatusOr<common::Ticket>(
            absl::PermissionDeniedError("ticket is outside this credential's area"));
      }
      return tickets_.Apply(tx, request->ticket_id(), request->expected_version(),
                            static_cast<domain::TicketAction>(request->action()), caller.ToActor(),
                            {request->reason_code(), ""});
    });
    if (!ticket.ok()) return ticket.status();
    *response->mutable_ticket() = *std::move(ticket);
    return absl::OkStatus();
  });
}

}  // namespace hotline::example
