// The operators' edits of the topology: validated, audited, all or nothing, seen at once.
#include "services/provincial-transfer/app/topology_admin.h"

#include <catch2/catch.hpp>

#include "libs/common/clock.h"
#include "libs/common/field_violations.h"
#include "tests/unit/transfer/fake_topology_store.h"

namespace hotline::transfer {
namespace {

namespace common = hotline::common::v1;

PeerConfig Qujing() {
  PeerConfig p;
  p.instance_code = "5303";
  p.role = InstanceRole::kPrefecture;
  p.region_prefixes = {"5303"};
  p.address = "127.0.0.1:7003";
  p.certificate_identity = "5303.transfer.hotline";
  return p;
}

class SeedInMemory final : public TopologySeedSource {
 public:
  absl::StatusOr<Topology> Read() const override { return topology; }
  Topology topology;
};

struct World {
  World() { transactions.Track(store); }

  common::Actor Admin() const {
    common::Actor a;
    a.set_role(common::ROLE_ADMIN);
    a.set_principal("ops-01");
    return a;
  }

  hotline::testing::FakeTransactionRunner transactions;
  testing::FakeTopologyStore store;
  FakeClock clock{absl::FromUnixSeconds(1800000000)};
  // A long ttl: only invalidation can make a change visible within a test.
  TopologyCache cache{transactions, store, absl::Hours(1), clock};
  SeedInMemory seed;
  TopologyAdmin admin{transactions, store, cache, &seed};
};

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : FieldViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

TEST_CASE("A new peer is stored, audited and seen by the cache at once", "[topology]") {
  World w;
  REQUIRE((*w.cache.Current())->peers.empty());
  absl::StatusOr<PeerUpserted> first = w.admin.UpsertPeer(w.Admin(), Qujing());
  REQUIRE(first.ok());
  CHECK(first->created);
  CHECK(first->peer.instance_code == "5303");
  REQUIRE((*w.cache.Current())->peers.size() == 1);
  REQUIRE(w.store.audit().size() == 1);
  CHECK(w.store.audit()[0].action == "upsert_peer");
  CHECK(w.store.audit()[0].principal == "ops-01");

  PeerConfig moved = Qujing();
  moved.address = "10.0.0.3:7003";
  absl::StatusOr<PeerUpserted> again = w.admin.UpsertPeer(w.Admin(), moved);
  REQUIRE(again.ok());
  CHECK_FALSE(again->created);
  CHECK((*w.cache.Current())->FindPeer("5303")->address == "10.0.0.3:7003");
}

TEST_CASE("A bad peer names every bad field and writes nothing", "[topology]") {
  World w;
  PeerConfig bad;
  bad.role = InstanceRole::kPrefecture;
  bad.region_prefixes = {"5303x"};
  bad.address = "no-port";
  bad.retry.max_in_flight = 0;
  const absl::Status status = w.admin.UpsertPeer(w.Admin(), bad).status();
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);
  CHECK(Fields(status) == std::vector<std::string>{"peer.instance_code", "peer.region_prefixes[0]",
                                                   "peer.address", "peer.certificate_identity",
                                                   "peer.retry.max_in_flight"});
  CHECK(w.store.audit().empty());
}

TEST_CASE("Two peers cannot share a certificate identity", "[topology]") {
  World w;
  REQUIRE(w.admin.UpsertPeer(w.Admin(), Qujing()).ok());
  PeerConfig impostor = Qujing();
  impostor.instance_code = "5304";
  impostor.region_prefixes = {"5304"};
  const absl::Status status = w.admin.UpsertPeer(w.Admin(), impostor).status();
  CHECK(status.code() == absl::StatusCode::kAlreadyExists);
  CHECK(w.store.audit().size() == 1);  // the failed write left no audit row
  CHECK(w.transactions.rollbacks() == 1);
}

TEST_CASE("Removing a peer that is not there is NOT_FOUND", "[topology]") {
  World w;
  CHECK(w.admin.RemovePeer(w.Admin(), "5303").code() == absl::StatusCode::kNotFound);
  REQUIRE(w.admin.UpsertPeer(w.Admin(), Qujing()).ok());
  REQUIRE((*w.cache.Current())->peers.size() == 1);
  REQUIRE(w.admin.RemovePeer(w.Admin(), "5303").ok());
  CHECK((*w.cache.Current())->peers.empty());
  CHECK(w.store.audit().back().action == "remove_peer");
}

TEST_CASE("A prefecture's service is a 4-digit code", "[topology]") {
  World w;
  const absl::Status county =
      w.admin.SetPrefectureService(w.Admin(), {"530302", true, {}}).status();
  CHECK(Fields(county) == std::vector<std::string>{"prefecture.code"});
  absl::StatusOr<PrefectureService> set =
      w.admin.SetPrefectureService(w.Admin(), {"5303", true, {}});
  REQUIRE(set.ok());
  CHECK(set->own_instance);
  CHECK((*w.cache.Current())->FindPrefecture("5303")->own_instance);
}

TEST_CASE("The seed upserts, and with replace removes what it does not list", "[topology]") {
  World w;
  PeerConfig extra = Qujing();
  extra.instance_code = "5304";
  extra.region_prefixes = {"5304"};
  extra.certificate_identity = "5304.transfer.hotline";
  REQUIRE(w.admin.UpsertPeer(w.Admin(), extra).ok());

  w.seed.topology.peers = {Qujing()};
  w.seed.topology.prefectures = {{"5303", true, {}}, {"5323", false, {}}};
  absl::StatusOr<SeedApplied> merged = w.admin.ApplySeed(w.Admin(), false);
  REQUIRE(merged.ok());
  CHECK(merged->peers == 1);
  CHECK(merged->prefectures == 2);
  CHECK(merged->removed == 0);
  CHECK((*w.cache.Current())->peers.size() == 2);

  absl::StatusOr<SeedApplied> replaced = w.admin.ApplySeed(w.Admin(), true);
  REQUIRE(replaced.ok());
  CHECK(replaced->removed == 1);
  CHECK((*w.cache.Current())->FindPeer("5304") == nullptr);
  CHECK(w.store.audit().back().action == "replace_from_seed");
}

TEST_CASE("A seed with a bad entry changes nothing", "[topology]") {
  World w;
  PeerConfig bad = Qujing();
  bad.address = "";
  w.seed.topology.peers = {Qujing(), bad};
  w.seed.topology.prefectures = {{"53", true, {}}};
  const absl::Status status = w.admin.ApplySeed(w.Admin(), true).status();
  CHECK(Fields(status) ==
        std::vector<std::string>{"seed.peers[1].address", "seed.prefectures[0].code"});
  CHECK((*w.cache.Current())->peers.empty());
}

TEST_CASE("Without a seed file ReloadPeers has nothing to apply", "[topology]") {
  World w;
  TopologyAdmin no_seed(w.transactions, w.store, w.cache, nullptr);
  CHECK(no_seed.ApplySeed(w.Admin(), false).status().code() ==
        absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace hotline::transfer
