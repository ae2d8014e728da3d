#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/server_callback.h>
#include <grpcpp/support/status.h>

#include <utility>

#include "absl/functional/any_invocable.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "hotline/common/v1/auth.pb.h"
#include "libs/service/auth_interceptor.h"
#include "libs/service/token_auth.h"

namespace hotline::service {

// The body of an RPC handler: runs `body` for the authenticated caller and maps its status.
//   return HandleRpc(callers_, context, [&](const Principal& caller) { … });
grpc::Status HandleRpc(CallerRegistry& callers, grpc::ServerContext* context,
                       absl::FunctionRef<absl::Status(const Principal&)> body);

// Moves a use case's value into the RPC's response, or passes its error on:
//   return HandleRpc(callers_, context, [&](const Principal& caller) {
//     return FillResponse(use_case.Run(caller, *request), response);
//   });
template <typename T>
absl::Status FillResponse(absl::StatusOr<T> result, T* response) {
  if (!result.ok()) return result.status();
  *response = *std::move(result);
  return absl::OkStatus();
}

// Ends a callback RPC with a use case's status (mapped by ToGrpcStatus). Call it once, from any
// thread; until then the call's response belongs to whoever holds it.
using FinishRpc = absl::AnyInvocable<void(const absl::Status&)>;

// The body of a callback (reactor) RPC handler, for a use case that answers later without holding
// a gRPC thread: runs `body` for the authenticated caller with the `FinishRpc` that ends the call,
// which `body` (or whoever it hands it to) must call exactly once. An unauthenticated call ends at
// once. `body` runs on a gRPC callback thread: it must not block (no PostgreSQL, no Redis).
//   return HandleCallbackRpc(callers_, context, [&](const Principal& caller, FinishRpc finish) {
//     use_case.Start(caller, *request, FillResponseAndFinish(response, std::move(finish)));
//   });
grpc::ServerUnaryReactor* HandleCallbackRpc(
    CallerRegistry& callers, grpc::CallbackServerContext* context,
    absl::FunctionRef<void(const Principal&, FinishRpc)> body);

// For a use case that answers later with a StatusOr<T>: fills `response` and ends the call.
template <typename T>
absl::AnyInvocable<void(absl::StatusOr<T>)> FillResponseAndFinish(T* response, FinishRpc finish) {
  return [response, finish = std::move(finish)](absl::StatusOr<T> result) mutable {
    finish(FillResponse(std::move(result), response));
  };
}

}  // namespace hotline::service
