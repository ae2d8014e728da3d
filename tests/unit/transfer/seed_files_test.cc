// The seed topologies in deploy/federation parse and pass the same checks as UpsertPeer.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>

#include "libs/common/field_violations.h"
#include "services/provincial-transfer/api/topology_seed_file.h"
#include "services/provincial-transfer/rules/destination_rules.h"

namespace hotline::transfer {
namespace {

Topology Seed(const std::string& code) {
  TopologySeedFile file(std::string(HOTLINE_SOURCE_DIR) + "/deploy/federation/" + code +
                        "/topology.textproto");
  absl::StatusOr<Topology> topology = file.Read();
  INFO(topology.status().ToString());
  REQUIRE(topology.ok());
  for (const PeerConfig& peer : topology->peers) {
    INFO(peer.instance_code);
    CHECK(ValidatePeer(peer).ok());
  }
  for (const PrefectureService& prefecture : topology->prefectures) {
    CHECK(ValidatePrefecture(prefecture).ok());
  }
  return *topology;
}

TEST_CASE("The federation seeds are valid and route Kunming to Qujing through 53", "[seed]") {
  const Topology province = Seed("53");
  CHECK(province.prefectures.size() == 16);  // every prefecture of Yunnan
  CHECK(province.FindPeer("5303")->retry.initial_backoff == absl::Milliseconds(200));
  const Topology kunming = Seed("5301");
  Seed("5303");

  const Destination first = DecideDestination({"5301", InstanceRole::kPrefecture}, kunming,
                                              {"530302", "urban/roads", "", ""});
  CHECK(first.instance_code == "53");
  const Destination second = DecideDestination({"53", InstanceRole::kProvince}, province,
                                               {"530302", "urban/roads", "", "5301"});
  CHECK(second.instance_code == "5303");
  const Destination yuxi = DecideDestination({"53", InstanceRole::kProvince}, province,
                                             {"530402", "urban/roads", "", "5301"});
  CHECK(yuxi.kind == DestinationKind::kHandleHere);
}

TEST_CASE("A seed that does not parse says where", "[seed]") {
  const std::string path = "/tmp/transfer-seed-" + std::to_string(getpid()) + ".textproto";
  {
    std::ofstream out(path);
    out << "# a peer with a field the message does not have\npeers {\n  port: 7301\n}\n";
  }
  const absl::Status status = TopologySeedFile(path).Read().status();
  std::remove(path.c_str());
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);
  INFO(status.message());
  CHECK(status.message().find("line 3, column 7: Message type \"hotline.transfer.v1.Peer\" has no "
                              "field named \"port\"") != absl::string_view::npos);
  CHECK(TopologySeedFile("/nonexistent/seed").Read().status().code() ==
        absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace hotline::transfer
