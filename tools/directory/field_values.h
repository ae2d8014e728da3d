#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hotline/routing/v1/routing.pb.h"

namespace hotline::directory {

// The spelling of values inside the directory CSV files, both ways.

std::optional<bool> ParseBool(std::string_view text);  // "true" | "false"
std::string_view BoolText(bool value);

// "province" | "prefecture" | "county" | "township" | "village"
std::optional<common::v1::Tier> ParseTier(std::string_view text);
std::string_view TierText(common::v1::Tier tier);

// "any" | "urban-district" | "county"
std::optional<routing::v1::AreaKind> ParseAreaKind(std::string_view text);
std::string_view AreaKindText(routing::v1::AreaKind kind);

// Lists inside a field are separated by '|'; "" is the empty list.
std::vector<std::string> SplitList(std::string_view text);
template <typename Strings>
std::string JoinList(const Strings& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out.push_back('|');
    out.append(item);
  }
  return out;
}

}  // namespace hotline::directory
