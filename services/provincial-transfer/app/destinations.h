#pragma once

#include "absl/status/statusor.h"
#include "services/provincial-transfer/app/topology_cache.h"
#include "services/provincial-transfer/rules/destination_rules.h"

namespace hotline::transfer {

// Where a departing ticket goes, by the destination rules over the current topology.
class Destinations {
 public:
  Destinations(TopologyCache& topology, SelfInstance self)
      : topology_(topology), self_(std::move(self)) {}

  absl::StatusOr<Destination> Decide(const Departure& departure) const {
    absl::StatusOr<std::shared_ptr<const Topology>> topology = topology_.Current();
    if (!topology.ok()) return topology.status();
    return DecideDestination(self_, **topology, departure);
  }

  const SelfInstance& self() const { return self_; }

 private:
  TopologyCache& topology_;
  const SelfInstance self_;
};

}  // namespace hotline::transfer
