#include "services/routing/api/routing_service.h"

#include "libs/service/rpc_handler.h"
#include "services/routing/api/access.h"

namespace hotline::routing {

grpc::Status RoutingService::Serve(
    const char* rpc, Context* context,
    absl::FunctionRef<absl::Status(const service::Principal&)> body) {
  return service::HandleRpc(callers_, context, [&](const service::Principal& caller) {
    if (absl::Status allowed = RequireAccess(rpc, caller); !allowed.ok()) return allowed;
    return body(caller);
  });
}

}  // namespace hotline::routing
