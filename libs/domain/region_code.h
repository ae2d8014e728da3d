#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace hotline::domain {

// Numbers mirror hotline.common.v1.Tier: the depth of a division code.
enum class Tier : int { kProvince = 1, kPrefecture = 2, kCounty = 3, kTownship = 4, kVillage = 5 };

std::string_view TierName(Tier tier);  // "province", "prefecture", "county", "township", "village"
// Digits of a code at that tier: 2, 4, 6, 9, 12.
int TierDigits(Tier tier);

// A statistical division code (统计用区划代码): 2 digits province, +2 prefecture, +2 county,
// +3 township/street, +3 village/community. Held in its canonical short form: trailing all-zero
// segments are dropped, so "530100000000", "530100" and "5301" are the same code.
class RegionCode {
 public:
  // Accepts 2, 4, 6, 9 or 12 ASCII digits. Rejects (INVALID_ARGUMENT, saying why): other lengths,
  // non-digits, a province segment outside 11..82, a zero segment followed by a non-zero one
  // ("530001"), and the all-zero code. The one exception is a zero county segment under a
  // prefecture-level city without counties ("441900003", a town of Dongguan), whose parent is the
  // city itself.
  static absl::StatusOr<RegionCode> Parse(std::string_view text);

  const std::string& code() const { return code_; }  // canonical short form
  std::string Padded12() const;                      // zero-padded to 12 digits
  Tier tier() const;

  // The enclosing division; nullopt for a province.
  std::optional<RegionCode> Parent() const;
  // Province first, this code last.
  std::vector<RegionCode> Ancestry() const;
  // True when this code equals `ancestor` or lies inside it (prefix at segment boundaries).
  bool IsWithin(const RegionCode& ancestor) const;

  friend bool operator==(const RegionCode& a, const RegionCode& b) { return a.code_ == b.code_; }
  friend bool operator!=(const RegionCode& a, const RegionCode& b) { return a.code_ != b.code_; }
  friend bool operator<(const RegionCode& a, const RegionCode& b) { return a.code_ < b.code_; }

 private:
  explicit RegionCode(std::string code) : code_(std::move(code)) {}
  std::string code_;
};

// A jurisdiction is a region prefix a credential is scoped to; the empty jurisdiction is the
// whole country (operators only). True when `code` (canonical) lies within it.
bool InJurisdiction(std::string_view jurisdiction, const RegionCode& code);

}  // namespace hotline::domain
