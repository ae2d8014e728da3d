#include "services/provincial-transfer/rules/topology.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"
#include "libs/domain/category_code.h"
#include "libs/domain/region_code.h"

namespace hotline::transfer {
namespace {

// Instance codes are division codes ("5301") or a line's name ("12315-53"): short, no spaces.
bool IsInstanceCode(absl::string_view code) {
  if (code.empty() || code.size() > 32) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  });
}

bool IsRegionPrefix(const std::string& prefix) {
  absl::StatusOr<domain::RegionCode> code = domain::RegionCode::Parse(prefix);
  return code.ok() && code->code() == prefix;
}

// host:port, with a port in 1..65535.
bool IsAddress(absl::string_view address) {
  const size_t colon = address.rfind(':');
  if (colon == absl::string_view::npos || colon == 0) return false;
  const absl::string_view port = address.substr(colon + 1);
  if (port.empty() || port.size() > 5) return false;
  if (!std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  const int n = std::stoi(std::string(port));
  return n >= 1 && n <= 65535;
}

}  // namespace

absl::string_view InstanceRoleName(InstanceRole role) {
  switch (role) {
    case InstanceRole::kProvince:
      return "province";
    case InstanceRole::kPrefecture:
      return "prefecture";
    case InstanceRole::kIndustryLine:
      return "industry line";
    case InstanceRole::kNational:
      return "national";
    case InstanceRole::kUnspecified:
      break;
  }
  return "unspecified";
}

const PeerConfig* Topology::FindPeer(absl::string_view instance_code) const {
  for (const PeerConfig& p : peers) {
    if (p.instance_code == instance_code) return &p;
  }
  return nullptr;
}

const PeerConfig* Topology::PeerWithIdentity(absl::string_view identity) const {
  if (identity.empty()) return nullptr;
  for (const PeerConfig& p : peers) {
    if (p.certificate_identity == identity) return &p;
  }
  return nullptr;
}

const PrefectureService* Topology::FindPrefecture(absl::string_view code) const {
  for (const PrefectureService& f : prefectures) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

InstanceRole DefaultRoleOf(absl::string_view instance_code) {
  if (instance_code.size() == 2) return InstanceRole::kProvince;
  if (instance_code.size() == 4) return InstanceRole::kPrefecture;
  return InstanceRole::kUnspecified;
}

int LongestRegionMatch(const std::vector<std::string>& prefixes, const std::string& region) {
  absl::StatusOr<domain::RegionCode> code = domain::RegionCode::Parse(region);
  if (!code.ok()) return -1;
  int best = -1;
  for (const std::string& prefix : prefixes) {
    if (domain::InJurisdiction(prefix, *code)) {
      best = std::max(best, static_cast<int>(prefix.size()));
    }
  }
  return best;
}

int LongestCategoryMatch(const std::vector<std::string>& prefixes, absl::string_view category) {
  int best = -1;
  for (const std::string& prefix : prefixes) {
    if (domain::IsUnderCategory(category, prefix)) {
      best = std::max(best, domain::CategoryDepth(prefix));
    }
  }
  return best;
}

absl::Status ValidatePeer(const PeerConfig& peer) {
  std::vector<FieldViolation> bad;
  if (!IsInstanceCode(peer.instance_code)) {
    bad.push_back({"peer.instance_code",
                   "required: a division code or a line's name (letters, digits, '-'), at most "
                   "32 characters"});
  }
  if (peer.role == InstanceRole::kUnspecified) {
    bad.push_back({"peer.role", "required: province, prefecture, industry line or national"});
  }
  for (size_t i = 0; i < peer.region_prefixes.size(); ++i) {
    if (!IsRegionPrefix(peer.region_prefixes[i])) {
      bad.push_back({absl::StrCat("peer.region_prefixes[", i, "]"),
                     "not a division code in its short form (e.g. \"5303\")"});
    }
  }
  for (size_t i = 0; i < peer.category_prefixes.size(); ++i) {
    if (peer.category_prefixes[i].empty() || !domain::IsCategoryPrefix(peer.category_prefixes[i])) {
      bad.push_back({absl::StrCat("peer.category_prefixes[", i, "]"), "not a category code"});
    }
  }
  const bool territorial =
      peer.role == InstanceRole::kProvince || peer.role == InstanceRole::kPrefecture;
  if (territorial && peer.region_prefixes.empty()) {
    bad.push_back({"peer.region_prefixes", "a province or prefecture peer needs its jurisdiction"});
  }
  if (peer.role == InstanceRole::kIndustryLine && peer.category_prefixes.empty()) {
    bad.push_back({"peer.category_prefixes", "an industry line peer needs its categories"});
  }
  if (!IsAddress(peer.address)) {
    bad.push_back({"peer.address", "required: host:port of the peer's peer port"});
  }
  if (peer.certificate_identity.empty() || peer.certificate_identity.size() > 253) {
    bad.push_back({"peer.certificate_identity",
                   "required: the DNS name (or CN) its certificate carries, at most 253 bytes"});
  }
  const RetryBounds& r = peer.retry;
  if (r.initial_backoff <= absl::ZeroDuration() || r.max_backoff < r.initial_backoff) {
    bad.push_back({"peer.retry.max_backoff",
                   "backoffs must be positive, the maximum at least the initial one"});
  }
  if (r.max_attempts < 0) bad.push_back({"peer.retry.max_attempts", "must not be negative"});
  if (r.max_in_flight < 1 || r.max_in_flight > 1024) {
    bad.push_back({"peer.retry.max_in_flight", "must be 1..1024"});
  }
  if (r.breaker_failures < 1) bad.push_back({"peer.retry.breaker_failures", "must be at least 1"});
  if (r.breaker_open_for <= absl::ZeroDuration()) {
    bad.push_back({"peer.retry.breaker_open_for", "must be positive"});
  }
  if (bad.empty()) return absl::OkStatus();
  return InvalidFields(std::move(bad));
}

absl::Status ValidatePrefecture(const PrefectureService& prefecture) {
  absl::StatusOr<domain::RegionCode> code = domain::RegionCode::Parse(prefecture.code);
  if (code.ok() && code->tier() == domain::Tier::kPrefecture && code->code() == prefecture.code) {
    return absl::OkStatus();
  }
  return InvalidFields(
      {{"prefecture.code", "required: a prefecture's 4-digit code, e.g. \"5303\""}});
}

}  // namespace hotline::transfer
