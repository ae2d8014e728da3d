#include "services/routing/api/routing_service.h"

#include "libs/service/rpc_handler.h"

namespace hotline::routing {

grpc::Status RoutingService::Serve(
    Context* context, absl::FunctionRef<absl::Status(const service::Principal&)> body) {
  return service::HandleRpc(callers_, context,
                            [&](const service::Principal& caller) { return body(caller); });
}

}  // namespace hotline::routing
