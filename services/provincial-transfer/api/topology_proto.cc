#include "services/provincial-transfer/api/topology_proto.h"

#include "libs/common/proto_time.h"

namespace hotline::transfer {
namespace {

absl::Duration Or(const google::protobuf::Duration& d, absl::Duration fallback) {
  if (d.seconds() == 0 && d.nanos() == 0) return fallback;
  return absl::Seconds(d.seconds()) + absl::Nanoseconds(d.nanos());
}

void Set(absl::Duration d, google::protobuf::Duration* out) {
  const int64_t nanos = absl::ToInt64Nanoseconds(d);
  out->set_seconds(nanos / 1000000000);
  out->set_nanos(static_cast<int32_t>(nanos % 1000000000));
}

}  // namespace

PeerConfig PeerFromProto(const v1::Peer& p) {
  PeerConfig peer;
  peer.instance_code = p.instance_code();
  peer.role = static_cast<InstanceRole>(p.role());
  peer.region_prefixes.assign(p.region_prefixes().begin(), p.region_prefixes().end());
  peer.category_prefixes.assign(p.category_prefixes().begin(), p.category_prefixes().end());
  peer.address = p.address();
  peer.certificate_identity = p.certificate_identity();
  const RetryBounds defaults;
  const v1::RetryBounds& r = p.retry();
  peer.retry.initial_backoff = Or(r.initial_backoff(), defaults.initial_backoff);
  peer.retry.max_backoff = Or(r.max_backoff(), defaults.max_backoff);
  peer.retry.max_attempts = r.max_attempts();
  peer.retry.max_in_flight = r.max_in_flight() == 0 ? defaults.max_in_flight : r.max_in_flight();
  peer.retry.breaker_failures =
      r.breaker_failures() == 0 ? defaults.breaker_failures : r.breaker_failures();
  peer.retry.breaker_open_for = Or(r.breaker_open_for(), defaults.breaker_open_for);
  return peer;
}

v1::Peer PeerToProto(const PeerConfig& peer) {
  v1::Peer p;
  p.set_instance_code(peer.instance_code);
  p.set_role(static_cast<v1::InstanceRole>(peer.role));
  for (const std::string& r : peer.region_prefixes) p.add_region_prefixes(r);
  for (const std::string& c : peer.category_prefixes) p.add_category_prefixes(c);
  p.set_address(peer.address);
  p.set_certificate_identity(peer.certificate_identity);
  v1::RetryBounds* r = p.mutable_retry();
  Set(peer.retry.initial_backoff, r->mutable_initial_backoff());
  Set(peer.retry.max_backoff, r->mutable_max_backoff());
  r->set_max_attempts(peer.retry.max_attempts);
  r->set_max_in_flight(peer.retry.max_in_flight);
  r->set_breaker_failures(peer.retry.breaker_failures);
  Set(peer.retry.breaker_open_for, r->mutable_breaker_open_for());
  *p.mutable_updated_at() = ToTimestamp(peer.updated_at);
  return p;
}

PrefectureService PrefectureFromProto(const v1::Prefecture& f) {
  return {f.code(), f.own_instance(), absl::InfinitePast()};
}

v1::Prefecture PrefectureToProto(const PrefectureService& prefecture) {
  v1::Prefecture f;
  f.set_code(prefecture.code);
  f.set_own_instance(prefecture.own_instance);
  *f.mutable_updated_at() = ToTimestamp(prefecture.updated_at);
  return f;
}

Topology TopologyFromSeed(const v1::TopologySeed& seed) {
  Topology topology;
  for (const v1::Peer& p : seed.peers()) topology.peers.push_back(PeerFromProto(p));
  for (const v1::Prefecture& f : seed.prefectures()) {
    topology.prefectures.push_back(PrefectureFromProto(f));
  }
  return topology;
}

v1::Destination DestinationToProto(const Destination& destination) {
  v1::Destination d;
  d.set_kind(static_cast<v1::DestinationKind>(destination.kind));
  d.set_instance_code(destination.instance_code);
  d.set_reason_code(destination.reason_code);
  return d;
}

}  // namespace hotline::transfer
