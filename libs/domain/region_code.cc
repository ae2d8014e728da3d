#include "libs/domain/region_code.h"

#include <array>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace hotline::domain {
namespace {

// Cumulative digits at each tier, shallowest first.
constexpr std::array<int, 5> kTierDigits = {2, 4, 6, 9, 12};
// Index into kTierDigits of the county segment, the one segment that may be zero between
// non-zero ones.
constexpr size_t kCountySegment = 2;
constexpr int kMinProvince = 11;
constexpr int kMaxProvince = 82;

// The tier whose code has exactly `length` digits; nullopt for other lengths.
std::optional<Tier> TierOfLength(size_t length) {
  for (size_t i = 0; i < kTierDigits.size(); ++i) {
    if (static_cast<size_t>(kTierDigits[i]) == length) return static_cast<Tier>(i + 1);
  }
  return std::nullopt;
}

bool AllZero(std::string_view digits) { return digits.find_first_not_of('0') == digits.npos; }

// Input comes from callers; escape it so a bad byte cannot garble the message or a log line.
absl::Status Invalid(std::string_view text, std::string_view why) {
  return absl::InvalidArgumentError(absl::StrFormat(
      "region code \"%s\" %s", absl::CHexEscape(absl::string_view(text.data(), text.size())), why));
}

}  // namespace

std::string_view TierName(Tier tier) {
  switch (tier) {
    case Tier::kProvince:
      return "province";
    case Tier::kPrefecture:
      return "prefecture";
    case Tier::kCounty:
      return "county";
    case Tier::kTownship:
      return "township";
    case Tier::kVillage:
      return "village";
  }
  return "unknown";
}

int TierDigits(Tier tier) {
  const int number = static_cast<int>(tier);
  if (number < 1 || number > static_cast<int>(kTierDigits.size())) return 0;
  return kTierDigits[number - 1];
}

absl::StatusOr<RegionCode> RegionCode::Parse(std::string_view text) {
  if (!TierOfLength(text.size()).has_value()) {
    return Invalid(text, absl::StrCat("must have 2, 4, 6, 9 or 12 digits, not ", text.size()));
  }
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      return Invalid(text, "must contain only digits");
    }
  }
  if (AllZero(text)) {
    return Invalid(text, "is all zeros");
  }
  const int province = (text[0] - '0') * 10 + (text[1] - '0');
  if (province < kMinProvince || province > kMaxProvince) {
    return Invalid(text, "has a province segment outside 11..82");
  }
  // Canonical length: up to the last non-zero segment; a zero segment before it names no
  // division — except the county segment of a prefecture-level city without counties (不设区的
  // 地级市: Dongguan 4419, Zhongshan 4420, Danzhou 4604, …), whose townships are 441900xxx.
  size_t canonical = kTierDigits[0];
  bool seen_zero_segment = false;
  size_t start = kTierDigits[0];
  for (size_t i = 1; i < kTierDigits.size() && start < text.size(); ++i) {
    const size_t end = kTierDigits[i];
    if (AllZero(text.substr(start, end - start))) {
      if (i != kCountySegment) seen_zero_segment = true;
    } else if (seen_zero_segment) {
      return Invalid(text, "has a non-zero segment below an all-zero one");
    } else {
      canonical = end;
    }
    start = end;
  }
  return RegionCode(std::string(text.substr(0, canonical)));
}

std::string RegionCode::Padded12() const {
  return absl::StrCat(code_, std::string(kTierDigits.back() - code_.size(), '0'));
}

Tier RegionCode::tier() const { return *TierOfLength(code_.size()); }

std::optional<RegionCode> RegionCode::Parent() const {
  std::vector<RegionCode> chain = Ancestry();
  if (chain.size() < 2) return std::nullopt;
  return chain[chain.size() - 2];
}

std::vector<RegionCode> RegionCode::Ancestry() const {
  // Every segment prefix of a canonical code is a division, except one ending in the zero county
  // segment of a city without counties (4419|00|003: the township's parent is the city).
  std::vector<RegionCode> chain;
  const int depth = static_cast<int>(tier());
  for (int i = 0; i < depth; ++i) {
    const std::string prefix = code_.substr(0, kTierDigits[i]);
    if (i > 0 && AllZero(std::string_view(prefix).substr(kTierDigits[i - 1]))) continue;
    chain.push_back(RegionCode(prefix));
  }
  return chain;
}

bool RegionCode::IsWithin(const RegionCode& ancestor) const {
  // Canonical codes only have segment-boundary lengths, so a string prefix is a segment prefix.
  return code_.size() >= ancestor.code_.size() &&
         code_.compare(0, ancestor.code_.size(), ancestor.code_) == 0;
}

bool InJurisdiction(std::string_view jurisdiction, const RegionCode& code) {
  if (jurisdiction.empty()) return true;
  // A malformed scope grants nothing rather than being read as a raw string prefix.
  absl::StatusOr<RegionCode> scope = RegionCode::Parse(jurisdiction);
  return scope.ok() && code.IsWithin(*scope);
}

}  // namespace hotline::domain
