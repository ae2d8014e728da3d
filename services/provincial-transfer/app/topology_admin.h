#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hotline/common/v1/auth.pb.h"
#include "libs/common/transaction.h"
#include "services/provincial-transfer/app/topology_cache.h"
#include "services/provincial-transfer/rules/topology.h"
#include "services/provincial-transfer/store/topology_store.h"

namespace hotline::transfer {

// Where the seed topology comes from (deploy/federation/<code>/topology.textproto).
class TopologySeedSource {
 public:
  virtual ~TopologySeedSource() = default;
  virtual absl::StatusOr<Topology> Read() const = 0;
};

struct PeerUpserted {
  PeerConfig peer;
  bool created = false;
};

struct SeedApplied {
  int peers = 0;
  int prefectures = 0;
  int removed = 0;
};

// The operators' edits of the topology. Every write is validated first, audited in its
// transaction, and seen by this replica at once (others within the cache's ttl).
class TopologyAdmin {
 public:
  TopologyAdmin(TransactionRunner& transactions, const TopologyStore& store, TopologyCache& cache,
                const TopologySeedSource* seed /* nullable: no seed configured */)
      : transactions_(transactions), store_(store), cache_(cache), seed_(seed) {}

  absl::StatusOr<PeerUpserted> UpsertPeer(const hotline::common::v1::Actor& actor,
                                          const PeerConfig& peer);
  // NOT_FOUND when there is no such peer.
  absl::Status RemovePeer(const hotline::common::v1::Actor& actor,
                          const std::string& instance_code);
  absl::StatusOr<PrefectureService> SetPrefectureService(const hotline::common::v1::Actor& actor,
                                                         const PrefectureService& prefecture);
  // The stored topology as of now (not the cached copy).
  absl::StatusOr<Topology> Read();
  // Upserts the seed's peers and prefectures; with `replace`, removes the others. All or nothing:
  // a bad entry in the seed changes nothing. FAILED_PRECONDITION when no seed is configured.
  absl::StatusOr<SeedApplied> ApplySeed(const hotline::common::v1::Actor& actor, bool replace);

 private:
  TransactionRunner& transactions_;
  const TopologyStore& store_;
  TopologyCache& cache_;
  const TopologySeedSource* seed_;
};

}  // namespace hotline::transfer
