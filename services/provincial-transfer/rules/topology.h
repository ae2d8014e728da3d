#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace hotline::transfer {

// Numbers mirror hotline.transfer.v1.InstanceRole.
enum class InstanceRole : int {
  kUnspecified = 0,
  kProvince = 1,      // the provincial platform (96128 / provincial 12345)
  kPrefecture = 2,    // a prefecture's 12345 line
  kIndustryLine = 3,  // 12315, 12331, …: matters by category
  kNational = 4,      // none exists yet; forwarded to like any peer whose jurisdiction covers
};

absl::string_view InstanceRoleName(InstanceRole role);  // "province", "prefecture", …

// How hard the sender tries one peer.
struct RetryBounds {
  absl::Duration initial_backoff = absl::Seconds(1);
  absl::Duration max_backoff = absl::Minutes(5);
  int max_attempts = 0;  // 0: never dead-letter for attempts alone; wait for the peer
  int max_in_flight = 16;
  int breaker_failures = 5;
  absl::Duration breaker_open_for = absl::Seconds(30);
};

// An instance this one exchanges tickets with.
struct PeerConfig {
  std::string instance_code;
  InstanceRole role = InstanceRole::kUnspecified;
  std::vector<std::string> region_prefixes;    // jurisdiction
  std::vector<std::string> category_prefixes;  // an industry line's matters
  std::string address;                         // host:port of its peer port
  std::string certificate_identity;            // DNS SAN (else CN) of its certificate
  RetryBounds retry;
  absl::Time updated_at;
};

// Whether a prefecture of the province runs its own instance.
struct PrefectureService {
  std::string code;  // 4 digits
  bool own_instance = false;
  absl::Time updated_at;
};

// This instance: its code (--instance_id) and role.
struct SelfInstance {
  std::string code;
  InstanceRole role = InstanceRole::kUnspecified;
};

// The whole topology as one immutable value: what the destination rules and the peer port read.
struct Topology {
  std::vector<PeerConfig> peers;               // by instance code
  std::vector<PrefectureService> prefectures;  // by code

  const PeerConfig* FindPeer(absl::string_view instance_code) const;
  // The peer whose certificate carries `identity`, if any.
  const PeerConfig* PeerWithIdentity(absl::string_view identity) const;
  // The prefecture's entry; null when the topology does not list it (no own instance).
  const PrefectureService* FindPrefecture(absl::string_view code) const;
};

// The role an instance code implies when none is configured: 2 digits a province, 4 a
// prefecture; anything else has to be said.
InstanceRole DefaultRoleOf(absl::string_view instance_code);

// INVALID_ARGUMENT naming every bad field (as "peer.<field>") of a peer an operator submits.
absl::Status ValidatePeer(const PeerConfig& peer);
// INVALID_ARGUMENT naming every bad field (as "prefecture.<field>").
absl::Status ValidatePrefecture(const PrefectureService& prefecture);

// The length of the longest of `prefixes` that `region` (a canonical code) lies within, or -1.
// An empty list covers nothing; an empty prefix covers everything (length 0).
int LongestRegionMatch(const std::vector<std::string>& prefixes, const std::string& region);
// The same for category prefixes, by '/' segments ("market" covers "market/consumer").
int LongestCategoryMatch(const std::vector<std::string>& prefixes, absl::string_view category);

}  // namespace hotline::transfer
