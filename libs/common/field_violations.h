#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace hotline {

// One bad request field: `field` is the proto path ("caller.phone"), `description` says why.
struct FieldViolation {
  std::string field;
  std::string description;
};

// INVALID_ARGUMENT listing every bad field at once. The violations ride in a status payload so
// that the gRPC adapter can send them as google.rpc.BadRequest without libs depending on protos.
absl::Status InvalidFields(std::vector<FieldViolation> violations);

// The violations carried by `status`; empty when it has none.
std::vector<FieldViolation> FieldViolationsOf(const absl::Status& status);

}  // namespace hotline
