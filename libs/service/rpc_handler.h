#pragma once

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <initializer_list>

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

// PERMISSION_DENIED unless the caller has one of `roles`.
absl::Status RequireRole(const Principal& caller,
                         std::initializer_list<hotline::common::v1::Role> roles);

}  // namespace hotline::service
