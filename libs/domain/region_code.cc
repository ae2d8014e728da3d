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
  // Canonical length: up to the last non-zero segment; a zero segment before it names no division.
  size_t canonical = kTierDigits[0];
  bool seen_zero_segment = false;
  size_t start = kTierDigits[0];
  for (size_t i = 1; i < kTierDigits.size() && start < text.size(); ++i) {
    const size_t end = kTierDigits[i];
    if (AllZero(text.substr(start, end - start))) {
      seen_zero_segment = true;
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
  const int depth = static_cast<int>(tier());
  if (depth == 1) return std::nullopt;
  // Every segment of a canonical code is non-zero, so any shorter segment prefix is canonical.
  return RegionCode(code_.substr(0, kTierDigits[depth - 2]));
}

std::vector<RegionCode> RegionCode::Ancestry() const {
  std::vector<RegionCode> chain;
  const int depth = static_cast<int>(tier());
  for (int i = 0; i < depth; ++i) chain.push_back(RegionCode(code_.substr(0, kTierDigits[i])));
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
