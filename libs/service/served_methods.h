#pragma once

#include <grpcpp/impl/server_builder_option.h>

#include <memory>
#include <string>
#include <vector>

#include "libs/service/access_table.h"

namespace hotline::service {

// A ServerBuilder option that writes the full names of the services the built server serves
// ("hotline.intake.v1.Intake", health and reflection included) to `*services` once it has
// started: what is really served, whatever the code that registered it meant to.
std::unique_ptr<grpc::ServerBuilderOption> ListServedServices(std::vector<std::string>* services);

// The methods of `services` (found in the generated descriptor pool) that have no line in
// `table`, as full method names; health checks and reflection need none. A service the pool does
// not know is reported as "/<service>/*".
std::vector<std::string> MethodsWithoutRule(const std::vector<std::string>& services,
                                            const AccessTable& table);

}  // namespace hotline::service
