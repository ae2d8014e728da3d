#include "libs/service/rpc_handler.h"

#include "libs/service/grpc_status.h"

namespace hotline::service {

grpc::Status HandleRpc(CallerRegistry& callers, grpc::ServerContext* context,
                       absl::FunctionRef<absl::Status(const Principal&)> body) {
  absl::StatusOr<Principal> caller = callers.Of(context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return ToGrpcStatus(body(*caller));
}

grpc::ServerUnaryReactor* HandleCallbackRpc(
    CallerRegistry& callers, grpc::CallbackServerContext* context,
    absl::FunctionRef<void(const Principal&, FinishRpc)> body) {
  // The default reactor may be finished from any thread, even before the handler returns it.
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  FinishRpc finish = [reactor](const absl::Status& status) {
    reactor->Finish(ToGrpcStatus(status));
  };
  absl::StatusOr<Principal> caller = callers.Of(context);
  if (!caller.ok()) {
    finish(caller.status());
  } else {
    body(*caller, std::move(finish));
  }
  return reactor;
}

}  // namespace hotline::service
