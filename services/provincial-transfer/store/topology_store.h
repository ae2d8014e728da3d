#pragma once

#include <string>
#include <vector>

#include "hotline/common/v1/auth.pb.h"
#include "libs/common/transaction.h"
#include "services/provincial-transfer/rules/topology.h"

namespace hotline::transfer {

// The topology tables (transfer_peers, transfer_prefectures) and their audit.
class TopologyStore {
 public:
  virtual ~TopologyStore() = default;

  // Everything, peers and prefectures each ordered by code.
  virtual Topology Load(Transaction& tx) const = 0;
  // Inserts or replaces the peer; true when it is new. A certificate identity another peer
  // already has: ALREADY_EXISTS.
  virtual absl::StatusOr<bool> UpsertPeer(Transaction& tx, const PeerConfig& peer) const = 0;
  // True when there was such a peer.
  virtual bool RemovePeer(Transaction& tx, const std::string& instance_code) const = 0;
  virtual void UpsertPrefecture(Transaction& tx, const PrefectureService& prefecture) const = 0;
  // Removes the peers and prefectures whose codes are not listed; how many went.
  virtual int RemoveOthers(Transaction& tx, const std::vector<std::string>& peer_codes,
                           const std::vector<std::string>& prefecture_codes) const = 0;
  virtual void Audit(Transaction& tx, const hotline::common::v1::Actor& actor,
                     const std::string& action, const std::string& subject) const = 0;
};

class PgTopologyStore final : public TopologyStore {
 public:
  Topology Load(Transaction& tx) const override;
  absl::StatusOr<bool> UpsertPeer(Transaction& tx, const PeerConfig& peer) const override;
  bool RemovePeer(Transaction& tx, const std::string& instance_code) const override;
  void UpsertPrefecture(Transaction& tx, const PrefectureService& prefecture) const override;
  int RemoveOthers(Transaction& tx, const std::vector<std::string>& peer_codes,
                   const std::vector<std::string>& prefecture_codes) const override;
  void Audit(Transaction& tx, const hotline::common::v1::Actor& actor, const std::string& action,
             const std::string& subject) const override;
};

}  // namespace hotline::transfer
