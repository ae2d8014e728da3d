#include "services/provincial-transfer/rules/destination_rules.h"

#include "absl/strings/str_cat.h"
#include "libs/domain/region_code.h"

namespace hotline::transfer {
namespace {

Destination Forward(const PeerConfig& peer, absl::string_view reason) {
  return {DestinationKind::kForward, peer.instance_code, std::string(reason)};
}
Destination Queue(absl::string_view reason) {
  return {DestinationKind::kManualQueue, "", std::string(reason)};
}
Destination HandleHere(absl::string_view reason) {
  return {DestinationKind::kHandleHere, "", std::string(reason)};
}

// The peer of `role` whose jurisdiction covers the place most narrowly; ties go to the first
// listed (the topology is ordered by instance code), so the answer is repeatable.
const PeerConfig* CoveringPeer(const Topology& topology, const std::string& region,
                               InstanceRole role) {
  const PeerConfig* best = nullptr;
  int best_length = -1;
  for (const PeerConfig& peer : topology.peers) {
    if (peer.role != role) continue;
    // A national platform that lists no places covers the whole country.
    const int length = peer.region_prefixes.empty() && role == InstanceRole::kNational
                           ? 0
                           : LongestRegionMatch(peer.region_prefixes, region);
    if (length >= 0 && length > best_length) best = &peer, best_length = length;
  }
  return best;
}

// An industry line whose categories cover the matter (and whose places, if it lists any).
const PeerConfig* IndustryLine(const Topology& topology, const Departure& d) {
  const PeerConfig* best = nullptr;
  int best_depth = -1;
  for (const PeerConfig& peer : topology.peers) {
    if (peer.role != InstanceRole::kIndustryLine) continue;
    const int depth = LongestCategoryMatch(peer.category_prefixes, d.category);
    if (depth < 0) continue;
    if (!peer.region_prefixes.empty() &&
        LongestRegionMatch(peer.region_prefixes, d.region_code) < 0)
      continue;
    if (depth > best_depth) best = &peer, best_depth = depth;
  }
  return best;
}

const PeerConfig* ProvincePeer(const Topology& topology) {
  for (const PeerConfig& peer : topology.peers) {
    if (peer.role == InstanceRole::kProvince) return &peer;
  }
  return nullptr;
}

Destination AtProvince(const SelfInstance& self, const Topology& topology, const Departure& d,
                       const domain::RegionCode& region) {
  if (const PeerConfig* line = IndustryLine(topology, d)) {
    return Forward(*line, "transfer.industry_line");
  }
  if (!domain::InJurisdiction(self.code, region)) {
    // Another province's platform, else a national one, when the topology has them.
    for (InstanceRole role : {InstanceRole::kProvince, InstanceRole::kNational}) {
      if (const PeerConfig* other = CoveringPeer(topology, d.region_code, role)) {
        return Forward(*other, "transfer.other_jurisdiction");
      }
    }
    return Queue("transfer.outside_province");
  }
  if (d.routing_reason_code == "routing.provincial_department" ||
      region.tier() == domain::Tier::kProvince) {
    return HandleHere("transfer.provincial_department");
  }
  const std::string prefecture = region.code().substr(0, 4);
  const PrefectureService* service = topology.FindPrefecture(prefecture);
  const PeerConfig* peer = CoveringPeer(topology, d.region_code, InstanceRole::kPrefecture);
  if (service == nullptr || !service->own_instance || peer == nullptr) {
    return HandleHere("transfer.prefecture_without_instance");
  }
  return Forward(*peer, "transfer.delegated_prefecture");
}

}  // namespace

Destination DecideDestination(const SelfInstance& self, const Topology& topology,
                              const Departure& d) {
  absl::StatusOr<domain::RegionCode> region = domain::RegionCode::Parse(d.region_code);
  if (!region.ok()) return Queue("transfer.unknown_region");

  Destination destination;
  if (self.role == InstanceRole::kProvince) {
    destination = AtProvince(self, topology, d, *region);
  } else if (!d.received_from.empty()) {
    // The province (or whoever) sent us a matter that routing here finds is not ours.
    return {DestinationKind::kReturnToSender, d.received_from, "transfer.misdirected"};
  } else if (const PeerConfig* province = ProvincePeer(topology)) {
    destination = Forward(*province, "transfer.to_province");
  } else {
    destination = Queue("transfer.no_province_peer");
  }
  if (destination.kind == DestinationKind::kForward &&
      destination.instance_code == d.received_from) {
    return Queue("transfer.would_return_to_sender");
  }
  return destination;
}

std::string DestinationText(const Destination& d) {
  switch (d.kind) {
    case DestinationKind::kForward:
      return absl::StrCat("forward to instance ", d.instance_code, " (", d.reason_code, ")");
    case DestinationKind::kHandleHere:
      return absl::StrCat("handled by this instance (", d.reason_code, ")");
    case DestinationKind::kManualQueue:
      return absl::StrCat("to the hotline office's manual queue (", d.reason_code, ")");
    case DestinationKind::kReturnToSender:
      return absl::StrCat("returned to instance ", d.instance_code, " (", d.reason_code, ")");
  }
  return d.reason_code;
}

}  // namespace hotline::transfer
