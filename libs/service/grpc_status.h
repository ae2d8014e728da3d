#pragma once

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace hotline::service {

// The one place a service turns an absl::Status into what the client sees. Codes carry over
// one to one; INVALID_ARGUMENT with field violations (libs/common/field_violations.h) also
// carries a google.rpc.BadRequest in the grpc-status-details-bin trailer; INTERNAL and UNKNOWN
// details are logged and replaced by a generic message, never sent.
grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace hotline::service
