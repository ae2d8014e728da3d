#pragma once

#include <grpcpp/support/status.h>

#include <string>
#include <vector>

namespace hotline::testing {

// The fields of the google.rpc.BadRequest an INVALID_ARGUMENT status carries, in order.
std::vector<std::string> ViolatedFields(const grpc::Status& status);

}  // namespace hotline::testing
