#pragma once

#include "hotline/transfer/v1/transfer.pb.h"
#include "services/provincial-transfer/rules/destination_rules.h"
#include "services/provincial-transfer/rules/topology.h"

namespace hotline::transfer {

// proto ⇄ the use cases' structs. Unset retry fields take the defaults of RetryBounds.
PeerConfig PeerFromProto(const v1::Peer& peer);
v1::Peer PeerToProto(const PeerConfig& peer);
PrefectureService PrefectureFromProto(const v1::Prefecture& prefecture);
v1::Prefecture PrefectureToProto(const PrefectureService& prefecture);
Topology TopologyFromSeed(const v1::TopologySeed& seed);
v1::Destination DestinationToProto(const Destination& destination);

}  // namespace hotline::transfer
