#pragma once

#include "hotline/routing/v1/routing.pb.h"
#include "services/routing/directory_snapshot.h"
#include "services/routing/routing_rules.h"

namespace hotline::routing {

hotline::routing::v1::CatalogueRule RuleToProto(const DirectorySnapshot& directory,
                                                const CatalogueRule& rule);

// The explanation stored with the ticket and shown by ExplainRouting (time, round and trigger
// are the caller's to fill in).
hotline::routing::v1::RoutingDecision DecisionToProto(const DirectorySnapshot& directory,
                                                      const Decision& decision,
                                                      const RoutingInput& input);

}  // namespace hotline::routing
