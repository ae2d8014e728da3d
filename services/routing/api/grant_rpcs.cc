// The hotline office's grants of a minor's identifying details to units that are not the lead.
#include "libs/common/proto_time.h"
#include "services/routing/api/routing_service.h"

namespace hotline::routing {

grpc::Status RoutingService::GrantMinorDetails(Context* context,
                                               const v1::GrantMinorDetailsRequest* request,
                                               v1::GrantMinorDetailsResponse* response) {
  return Serve(context, [&](const service::Principal& caller) -> absl::Status {
    GrantCommand command{request->ticket_number(), request->unit_id(), request->reason()};
    if (request->has_expires_at()) command.expires_at = FromTimestamp(request->expires_at());
    absl::StatusOr<GrantOutcome> granted = use_cases_.grants.Grant(caller.ToActor(), command);
    if (!granted.ok()) return granted.status();
    response->set_grant_id(granted->grant_id);
    *response->mutable_expires_at() = ToTimestamp(granted->expires_at);
    return absl::OkStatus();
  });
}

grpc::Status RoutingService::RevokeMinorDetails(Context* context,
                                                const v1::RevokeMinorDetailsRequest* request,
                                                v1::RevokeMinorDetailsResponse* response) {
  return Serve(context, [&](const service::Principal& caller) -> absl::Status {
    absl::StatusOr<int> revoked = use_cases_.grants.Revoke(
        caller.ToActor(), {request->ticket_number(), request->unit_id(), request->reason()});
    if (!revoked.ok()) return revoked.status();
    response->set_revoked(*revoked);
    return absl::OkStatus();
  });
}

}  // namespace hotline::routing
