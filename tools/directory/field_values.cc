#include "tools/directory/field_values.h"

#include <array>
#include <utility>

#include "absl/strings/str_split.h"
#include "tools/directory/string_views.h"

namespace hotline::directory {
namespace {

using common::v1::Tier;
using routing::v1::AreaKind;

constexpr std::array<std::pair<std::string_view, Tier>, 5> kTiers = {{
    {"province", common::v1::TIER_PROVINCE},
    {"prefecture", common::v1::TIER_PREFECTURE},
    {"county", common::v1::TIER_COUNTY},
    {"township", common::v1::TIER_TOWNSHIP},
    {"village", common::v1::TIER_VILLAGE},
}};

constexpr std::array<std::pair<std::string_view, AreaKind>, 3> kAreaKinds = {{
    {"any", routing::v1::AREA_KIND_ANY},
    {"urban-district", routing::v1::AREA_KIND_URBAN_DISTRICT},
    {"county", routing::v1::AREA_KIND_COUNTY},
}};

}  // namespace

std::optional<bool> ParseBool(std::string_view text) {
  if (text == "true") return true;
  if (text == "false") return false;
  return std::nullopt;
}

std::string_view BoolText(bool value) { return value ? "true" : "false"; }

std::optional<Tier> ParseTier(std::string_view text) {
  for (const auto& [name, tier] : kTiers) {
    if (name == text) return tier;
  }
  return std::nullopt;
}

std::string_view TierText(Tier tier) {
  for (const auto& [name, t] : kTiers) {
    if (t == tier) return name;
  }
  return "unspecified";
}

std::optional<AreaKind> ParseAreaKind(std::string_view text) {
  for (const auto& [name, kind] : kAreaKinds) {
    if (name == text) return kind;
  }
  return std::nullopt;
}

std::string_view AreaKindText(AreaKind kind) {
  for (const auto& [name, k] : kAreaKinds) {
    if (k == kind) return name;
  }
  return "any";
}

std::vector<std::string> SplitList(std::string_view text) {
  if (text.empty()) return {};
  return absl::StrSplit(Av(text), '|');
}

}  // namespace hotline::directory
