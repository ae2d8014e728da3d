#pragma once

#include "hotline/routing/v1/routing.pb.h"
#include "services/routing/rules/directory_snapshot.h"
#include "services/routing/rules/routing_rules.h"

namespace hotline::routing {

// The explanation stored with the ticket and shown by ExplainRouting (time, round and trigger
// are the caller's to fill in).
hotline::routing::v1::RoutingDecision DecisionToProto(const DirectorySnapshot& directory,
                                                      const Decision& decision,
                                                      const RoutingInput& input);

}  // namespace hotline::routing
