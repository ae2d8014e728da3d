// The destination rules: where a ticket that leaves an instance goes, and why.
#include "services/provincial-transfer/rules/destination_rules.h"

#include <catch2/catch.hpp>

namespace hotline::transfer {
namespace {

PeerConfig Peer(std::string code, InstanceRole role, std::vector<std::string> regions,
                std::vector<std::string> categories = {}) {
  PeerConfig p;
  p.instance_code = code;
  p.role = role;
  p.region_prefixes = std::move(regions);
  p.category_prefixes = std::move(categories);
  p.address = "127.0.0.1:7000";
  p.certificate_identity = code + ".transfer.hotline";
  return p;
}

// The province 53 as in deploy/federation: Kunming and Qujing run their own instances, Chuxiong
// (5323) is served by the province, a 12315 line takes market matters.
Topology ProvinceTopology() {
  Topology t;
  t.peers = {Peer("12315-53", InstanceRole::kIndustryLine, {}, {"market/consumer"}),
             Peer("5301", InstanceRole::kPrefecture, {"5301"}),
             Peer("5303", InstanceRole::kPrefecture, {"5303"})};
  t.prefectures = {{"5301", true, {}}, {"5303", true, {}}, {"5323", false, {}}};
  return t;
}

Topology PrefectureTopology() {
  Topology t;
  t.peers = {Peer("53", InstanceRole::kProvince, {"53"})};
  return t;
}

const SelfInstance kProvince{"53", InstanceRole::kProvince};
const SelfInstance kKunming{"5301", InstanceRole::kPrefecture};

Departure Leaving(std::string region, std::string from = "",
                  std::string reason = "routing.delegated_to_instance") {
  return {std::move(region), "urban/roads", std::move(reason), std::move(from)};
}

TEST_CASE("A prefecture sends what is not its own to the province", "[destination]") {
  const Destination d = DecideDestination(kKunming, PrefectureTopology(),
                                          Leaving("530302", "", "routing.outside_jurisdiction"));
  CHECK(d.kind == DestinationKind::kForward);
  CHECK(d.instance_code == "53");
  CHECK(d.reason_code == "transfer.to_province");
  CHECK(DestinationText(d) == "forward to instance 53 (transfer.to_province)");
}

TEST_CASE("A prefecture without a province peer leaves it to its office", "[destination]") {
  const Destination d = DecideDestination(kKunming, Topology{}, Leaving("530302"));
  CHECK(d.kind == DestinationKind::kManualQueue);
  CHECK(d.reason_code == "transfer.no_province_peer");
}

TEST_CASE("A matter the province sent that is not the prefecture's goes back", "[destination]") {
  const Destination d = DecideDestination(kKunming, PrefectureTopology(),
                                          Leaving("530302", "53", "routing.outside_jurisdiction"));
  CHECK(d.kind == DestinationKind::kReturnToSender);
  CHECK(d.instance_code == "53");
  CHECK(d.reason_code == "transfer.misdirected");
}

TEST_CASE("The province forwards a prefecture's matter to its own instance", "[destination]") {
  const Destination d = DecideDestination(kProvince, ProvinceTopology(), Leaving("530302", "5301"));
  CHECK(d.kind == DestinationKind::kForward);
  CHECK(d.instance_code == "5303");
  CHECK(d.reason_code == "transfer.delegated_prefecture");
}

TEST_CASE("The province handles a prefecture without an instance itself", "[destination]") {
  const Destination unlisted = DecideDestination(kProvince, ProvinceTopology(), Leaving("530402"));
  CHECK(unlisted.kind == DestinationKind::kHandleHere);
  CHECK(unlisted.reason_code == "transfer.prefecture_without_instance");
  const Destination no_own = DecideDestination(kProvince, ProvinceTopology(), Leaving("532301"));
  CHECK(no_own.kind == DestinationKind::kHandleHere);

  // Marked as running its own instance, but no peer serves it yet: still handled here.
  Topology t = ProvinceTopology();
  t.prefectures.push_back({"5304", true, {}});
  CHECK(DecideDestination(kProvince, t, Leaving("530402")).kind == DestinationKind::kHandleHere);
}

TEST_CASE("The province handles provincial departments' matters itself", "[destination]") {
  const Destination by_rule = DecideDestination(
      kProvince, ProvinceTopology(), Leaving("530302", "", "routing.provincial_department"));
  CHECK(by_rule.kind == DestinationKind::kHandleHere);
  CHECK(by_rule.reason_code == "transfer.provincial_department");
  const Destination province_wide = DecideDestination(kProvince, ProvinceTopology(), Leaving("53"));
  CHECK(province_wide.kind == DestinationKind::kHandleHere);
}

TEST_CASE("Another province's matter goes to the manual queue, or to a peer that covers it",
          "[destination]") {
  const Destination queued = DecideDestination(
      kProvince, ProvinceTopology(), Leaving("150202", "5301", "routing.outside_jurisdiction"));
  CHECK(queued.kind == DestinationKind::kManualQueue);
  CHECK(queued.reason_code == "transfer.outside_province");

  Topology with_national = ProvinceTopology();
  with_national.peers.push_back(Peer("00", InstanceRole::kNational, {}));
  const Destination national = DecideDestination(kProvince, with_national, Leaving("150202"));
  CHECK(national.kind == DestinationKind::kForward);
  CHECK(national.instance_code == "00");
  CHECK(national.reason_code == "transfer.other_jurisdiction");

  Topology with_neighbour = with_national;
  with_neighbour.peers.push_back(Peer("15", InstanceRole::kProvince, {"15"}));
  CHECK(DecideDestination(kProvince, with_neighbour, Leaving("150202")).instance_code == "15");
}

TEST_CASE("An industry line's category goes to that line", "[destination]") {
  Departure d = Leaving("530302");
  d.category = "market/consumer/refund";
  const Destination line = DecideDestination(kProvince, ProvinceTopology(), d);
  CHECK(line.kind == DestinationKind::kForward);
  CHECK(line.instance_code == "12315-53");
  CHECK(line.reason_code == "transfer.industry_line");

  d.category = "market";  // the line covers market/consumer only
  CHECK(DecideDestination(kProvince, ProvinceTopology(), d).instance_code == "5303");
}

TEST_CASE("Nothing is forwarded back to the instance it came from", "[destination]") {
  const Destination d = DecideDestination(kProvince, ProvinceTopology(), Leaving("530102", "5301"));
  CHECK(d.kind == DestinationKind::kManualQueue);
  CHECK(d.reason_code == "transfer.would_return_to_sender");
}

TEST_CASE("The narrowest covering prefecture peer wins", "[destination]") {
  Topology t = ProvinceTopology();
  t.peers.push_back(Peer("530302", InstanceRole::kPrefecture, {"530302"}));
  CHECK(DecideDestination(kProvince, t, Leaving("530302001")).instance_code == "530302");
  CHECK(DecideDestination(kProvince, t, Leaving("530303")).instance_code == "5303");
}

TEST_CASE("A place that is not a division code waits for the office", "[destination]") {
  const Destination d = DecideDestination(kProvince, ProvinceTopology(), Leaving("53x"));
  CHECK(d.kind == DestinationKind::kManualQueue);
  CHECK(d.reason_code == "transfer.unknown_region");
}

}  // namespace
}  // namespace hotline::transfer
