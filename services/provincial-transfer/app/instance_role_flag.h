#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "hotline/common/v1/auth.pb.h"
#include "services/provincial-transfer/rules/topology.h"

namespace hotline::transfer {

// This instance from its code and the --instance_role text ("" = implied by the code).
// INVALID_ARGUMENT for an unknown role or a code that implies none.
absl::StatusOr<SelfInstance> SelfFromFlags(const std::string& instance_code,
                                           const std::string& role);

// Who acts when the service changes things by itself at start (the seed).
hotline::common::v1::Actor StartupActor(const SelfInstance& self);

}  // namespace hotline::transfer
