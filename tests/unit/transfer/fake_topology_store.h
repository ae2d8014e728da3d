#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "services/provincial-transfer/store/topology_store.h"
#include "tests/support/fake_transaction.h"

namespace hotline::transfer::testing {

// The topology tables in memory, rolled back with a failed body like PostgreSQL would.
class FakeTopologyStore final : public TopologyStore, public hotline::testing::FakeState {
 public:
  struct AuditRow {
    std::string principal, action, subject;
  };

  Topology Load(Transaction&) const override {
    Topology t;
    for (const auto& [code, peer] : state_.peers) t.peers.push_back(peer);
    for (const auto& [code, f] : state_.prefectures) t.prefectures.push_back(f);
    return t;
  }
  absl::StatusOr<bool> UpsertPeer(Transaction&, const PeerConfig& peer) const override {
    for (const auto& [code, other] : state_.peers) {
      if (code != peer.instance_code && other.certificate_identity == peer.certificate_identity) {
        return absl::AlreadyExistsError("peer " + code + " already has this certificate identity");
      }
    }
    const bool created = state_.peers.count(peer.instance_code) == 0;
    state_.peers[peer.instance_code] = peer;
    return created;
  }
  bool RemovePeer(Transaction&, const std::string& code) const override {
    return state_.peers.erase(code) > 0;
  }
  void UpsertPrefecture(Transaction&, const PrefectureService& f) const override {
    state_.prefectures[f.code] = f;
  }
  int RemoveOthers(Transaction&, const std::vector<std::string>& peers,
                   const std::vector<std::string>& prefectures) const override {
    int removed = 0;
    removed += EraseUnlisted(state_.peers, peers);
    removed += EraseUnlisted(state_.prefectures, prefectures);
    return removed;
  }
  void Audit(Transaction&, const hotline::common::v1::Actor& actor, const std::string& action,
             const std::string& subject) const override {
    state_.audit.push_back({actor.principal(), action, subject});
  }

  void Save() override { saved_ = state_; }
  void Restore() override { state_ = saved_; }
  const std::vector<AuditRow>& audit() const { return state_.audit; }

 private:
  template <typename Map>
  static int EraseUnlisted(Map& map, const std::vector<std::string>& keep) {
    int removed = 0;
    for (auto it = map.begin(); it != map.end();) {
      if (std::find(keep.begin(), keep.end(), it->first) == keep.end()) {
        it = map.erase(it);
        ++removed;
      } else {
        ++it;
      }
    }
    return removed;
  }

  struct State {
    std::map<std::string, PeerConfig> peers;
    std::map<std::string, PrefectureService> prefectures;
    std::vector<AuditRow> audit;
  };
  mutable State state_, saved_;
};

}  // namespace hotline::transfer::testing
