#include "services/provincial-transfer/app/topology_admin.h"

#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"

namespace hotline::transfer {

namespace common = hotline::common::v1;

absl::StatusOr<PeerUpserted> TopologyAdmin::UpsertPeer(const common::Actor& actor,
                                                       const PeerConfig& peer) {
  if (absl::Status valid = ValidatePeer(peer); !valid.ok()) return valid;
  auto result =
      transactions_.RunFor<PeerUpserted>([&](Transaction& tx) -> absl::StatusOr<PeerUpserted> {
        absl::StatusOr<bool> created = store_.UpsertPeer(tx, peer);
        if (!created.ok()) return created.status();
        store_.Audit(tx, actor, "upsert_peer", peer.instance_code);
        for (PeerConfig& stored : store_.Load(tx).peers) {
          if (stored.instance_code == peer.instance_code) {
            return PeerUpserted{std::move(stored), *created};
          }
        }
        return absl::InternalError("the peer just written is not there");
      });
  cache_.Invalidate();
  return result;
}

absl::Status TopologyAdmin::RemovePeer(const common::Actor& actor,
                                       const std::string& instance_code) {
  absl::Status removed = transactions_.Run([&](Transaction& tx) -> absl::Status {
    if (!store_.RemovePeer(tx, instance_code)) {
      return absl::NotFoundError(absl::StrCat("no peer ", instance_code));
    }
    store_.Audit(tx, actor, "remove_peer", instance_code);
    return absl::OkStatus();
  });
  cache_.Invalidate();
  return removed;
}

absl::StatusOr<PrefectureService> TopologyAdmin::SetPrefectureService(
    const common::Actor& actor, const PrefectureService& prefecture) {
  if (absl::Status valid = ValidatePrefecture(prefecture); !valid.ok()) return valid;
  auto result = transactions_.RunFor<PrefectureService>(
      [&](Transaction& tx) -> absl::StatusOr<PrefectureService> {
        store_.UpsertPrefecture(tx, prefecture);
        store_.Audit(tx, actor, "set_prefecture", prefecture.code);
        const Topology now = store_.Load(tx);
        const PrefectureService* stored = now.FindPrefecture(prefecture.code);
        if (stored == nullptr)
          return absl::InternalError("the prefecture just written is not there");
        return *stored;
      });
  cache_.Invalidate();
  return result;
}

absl::StatusOr<Topology> TopologyAdmin::Read() {
  return transactions_.RunFor<Topology>(
      [&](Transaction& tx) -> absl::StatusOr<Topology> { return store_.Load(tx); });
}

absl::StatusOr<SeedApplied> TopologyAdmin::ApplySeed(const common::Actor& actor, bool replace) {
  if (seed_ == nullptr) {
    return absl::FailedPreconditionError("no seed file is configured (--topology_seed)");
  }
  absl::StatusOr<Topology> seed = seed_->Read();
  if (!seed.ok()) return seed.status();
  std::vector<FieldViolation> bad;
  for (size_t i = 0; i < seed->peers.size(); ++i) {
    for (FieldViolation& v : FieldViolationsOf(ValidatePeer(seed->peers[i]))) {
      bad.push_back({absl::StrCat("seed.peers[", i, "]", v.field.substr(4)), v.description});
    }
  }
  for (size_t i = 0; i < seed->prefectures.size(); ++i) {
    for (FieldViolation& v : FieldViolationsOf(ValidatePrefecture(seed->prefectures[i]))) {
      bad.push_back({absl::StrCat("seed.prefectures[", i, "]", v.field.substr(10)), v.description});
    }
  }
  if (!bad.empty()) return InvalidFields(std::move(bad));

  auto result =
      transactions_.RunFor<SeedApplied>([&](Transaction& tx) -> absl::StatusOr<SeedApplied> {
        SeedApplied applied;
        std::vector<std::string> peer_codes, prefecture_codes;
        for (const PeerConfig& peer : seed->peers) {
          absl::StatusOr<bool> upserted = store_.UpsertPeer(tx, peer);
          if (!upserted.ok()) return upserted.status();
          peer_codes.push_back(peer.instance_code);
          ++applied.peers;
        }
        for (const PrefectureService& prefecture : seed->prefectures) {
          store_.UpsertPrefecture(tx, prefecture);
          prefecture_codes.push_back(prefecture.code);
          ++applied.prefectures;
        }
        if (replace) applied.removed = store_.RemoveOthers(tx, peer_codes, prefecture_codes);
        store_.Audit(tx, actor, replace ? "replace_from_seed" : "reload_seed", "seed");
        return applied;
      });
  cache_.Invalidate();
  return result;
}

}  // namespace hotline::transfer
