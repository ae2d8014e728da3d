#include "libs/domain/region_code.h"

#include <catch2/catch.hpp>
#include <string>
#include <tuple>

#include "absl/status/status.h"

namespace hotline::domain {
namespace {

RegionCode Code(const std::string& text) {
  absl::StatusOr<RegionCode> code = RegionCode::Parse(text);
  INFO(text << ": " << code.status().ToString());
  REQUIRE(code.ok());
  return *code;
}

TEST_CASE("tiers", "[region_code]") {
  auto [tier, name, digits] = GENERATE(table<Tier, std::string, int>({
      {Tier::kProvince, "province", 2},
      {Tier::kPrefecture, "prefecture", 4},
      {Tier::kCounty, "county", 6},
      {Tier::kTownship, "township", 9},
      {Tier::kVillage, "village", 12},
  }));
  CHECK(TierName(tier) == name);
  CHECK(TierDigits(tier) == digits);
  CHECK(TierDigits(static_cast<Tier>(0)) == 0);
  CHECK(TierDigits(static_cast<Tier>(6)) == 0);
  CHECK(TierName(static_cast<Tier>(6)) == "unknown");
}

TEST_CASE("valid codes parse to their canonical short form", "[region_code]") {
  auto [input, canonical, tier] = GENERATE(table<std::string, std::string, Tier>({
      {"53", "53", Tier::kProvince},
      {"5301", "5301", Tier::kPrefecture},
      {"530102", "530102", Tier::kCounty},
      {"530102001", "530102001", Tier::kTownship},
      {"530102001001", "530102001001", Tier::kVillage},
      // Padding with zero segments, at every length.
      {"5300", "53", Tier::kProvince},
      {"530000", "53", Tier::kProvince},
      {"530000000", "53", Tier::kProvince},
      {"530000000000", "53", Tier::kProvince},
      {"530100", "5301", Tier::kPrefecture},
      {"530100000", "5301", Tier::kPrefecture},
      {"530100000000", "5301", Tier::kPrefecture},
      {"530102000", "530102", Tier::kCounty},
      {"530102000000", "530102", Tier::kCounty},
      {"530102001000", "530102001", Tier::kTownship},
      // The province range ends, and other real codes.
      {"11", "11", Tier::kProvince},
      {"82", "82", Tier::kProvince},
      {"820000", "82", Tier::kProvince},
      {"1502", "1502", Tier::kPrefecture},
      {"110101", "110101", Tier::kCounty},
      {"150203100200", "150203100200", Tier::kVillage},
      // A segment with zeros inside it is still non-zero.
      {"530110", "530110", Tier::kCounty},
      {"530102100", "530102100", Tier::kTownship},
      {"530102001010", "530102001010", Tier::kVillage},
  }));
  CAPTURE(input);
  const RegionCode code = Code(input);
  CHECK(code.code() == canonical);
  CHECK(code.tier() == tier);
  CHECK(code.Padded12().size() == 12);
  CHECK(code.Padded12() == canonical + std::string(12 - canonical.size(), '0'));
  CHECK(Code(code.Padded12()) == code);
  CHECK(Code(code.code()) == code);
}

TEST_CASE("malformed codes are INVALID_ARGUMENT", "[region_code]") {
  const std::string input = GENERATE(
      as<std::string>{},
      // Lengths other than 2, 4, 6, 9, 12.
      "", "5", "530", "53010", "5301020", "53010200", "5301020010", "53010200100", "5301020010010",
      // Non-digits, signs, spaces, full-width digits.
      "5a", "53O1", "+530", "-530", " 530", "530 ", "53\t1", "\xef\xbc\x95\xef\xbc\x93",
      // Province outside 11..82, and all zeros.
      "00", "0000", "000000000000", "01", "10", "83", "90", "99", "100101",
      // A zero segment followed by a non-zero one (other than a county segment: see below).
      "530001", "5300010", "530001000000", "530102000001", "530000000001", "440000003");
  CAPTURE(input);
  const absl::StatusOr<RegionCode> code = RegionCode::Parse(input);
  REQUIRE_FALSE(code.ok());
  CHECK(code.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK_FALSE(code.status().message().empty());
}

TEST_CASE("townships of a prefecture-level city without counties", "[region_code]") {
  // 东莞 (4419) and 中山 (4420) have no counties: their towns are numbered 441900xxx.
  const RegionCode town = Code("441900003");
  CHECK(town.code() == "441900003");
  CHECK(town.tier() == Tier::kTownship);
  CHECK(town.Padded12() == "441900003000");
  REQUIRE(town.Parent().has_value());
  CHECK(town.Parent()->code() == "4419");
  std::vector<std::string> ancestry;
  for (const RegionCode& c : town.Ancestry()) ancestry.push_back(c.code());
  CHECK(ancestry == std::vector<std::string>{"44", "4419", "441900003"});
  CHECK(town.IsWithin(Code("4419")));
  CHECK(InJurisdiction("441900", town));
  CHECK_FALSE(InJurisdiction("4420", town));
  const RegionCode community = Code("441900003001");
  CHECK(community.Parent()->code() == "441900003");
  CHECK(Code("441900000000") == Code("4419"));
}

TEST_CASE("parent chain and ancestry", "[region_code]") {
  const RegionCode village = Code("530102001001");
  const std::vector<std::string> chain = {"530102001", "530102", "5301", "53"};
  std::optional<RegionCode> current = village;
  for (const std::string& want : chain) {
    current = current->Parent();
    REQUIRE(current.has_value());
    CHECK(current->code() == want);
  }
  CHECK_FALSE(current->Parent().has_value());

  const std::string input = GENERATE(as<std::string>{}, "53", "5301", "530102", "530102001",
                                     "530102001001", "530100000000", "150203100200");
  CAPTURE(input);
  const RegionCode code = Code(input);
  const std::vector<RegionCode> ancestry = code.Ancestry();
  REQUIRE(ancestry.size() == static_cast<size_t>(code.tier()));
  CHECK(ancestry.front().tier() == Tier::kProvince);
  CHECK(ancestry.back() == code);
  for (size_t i = 0; i < ancestry.size(); ++i) {
    CHECK(ancestry[i].tier() == static_cast<Tier>(i + 1));
    CHECK(code.IsWithin(ancestry[i]));
    if (i > 0) CHECK(ancestry[i].Parent() == ancestry[i - 1]);
  }
}

TEST_CASE("IsWithin works on whole segments", "[region_code]") {
  auto [code, ancestor, within] = GENERATE(table<std::string, std::string, bool>({
      {"530102", "5301", true},
      {"530102", "53", true},
      {"530102", "530102", true},
      {"530102001001", "530102001", true},
      {"530102001001", "530100000000", true},
      {"5301", "530102", false},
      {"53", "5301", false},
      {"530202", "5301", false},
      {"5302", "5301", false},
      {"540102", "53", false},
      // Same digits in another place: textual containment is not enough.
      {"155301", "5301", false},
      {"530102001001", "530102001002", false},
      {"530102002001", "530102001", false},
  }));
  CAPTURE(code, ancestor);
  CHECK(Code(code).IsWithin(Code(ancestor)) == within);
}

TEST_CASE("jurisdictions", "[region_code]") {
  auto [jurisdiction, code, in] = GENERATE(table<std::string, std::string, bool>({
      {"", "11", true},
      {"", "530102001001", true},
      {"53", "53", true},
      {"53", "5301", true},
      {"53", "530102001001", true},
      {"5301", "530102", true},
      {"5301", "5301", true},
      {"5301", "53", false},
      {"5301", "5302", false},
      {"54", "5301", false},
      // Padded jurisdictions mean their short form.
      {"530100", "530102", true},
      {"530100000000", "530102001", true},
      {"530102001001", "530102001001", true},
      {"530102001002", "530102001001", false},
      // Not a valid code: matches nothing, even where a raw string prefix would.
      {"530", "530102", false},
      {"53010", "530102", false},
      {"5", "5301", false},
      {" 53", "5301", false},
      {"53 ", "5301", false},
      {"000000", "530102", false},
      {"530001", "53", false},
      {"*", "5301", false},
  }));
  CAPTURE(jurisdiction, code);
  CHECK(InJurisdiction(jurisdiction, Code(code)) == in);
}

TEST_CASE("equality and order use the canonical form", "[region_code]") {
  CHECK(Code("530100000000") == Code("5301"));
  CHECK(Code("530100") == Code("5301"));
  CHECK(Code("5301") != Code("5302"));
  CHECK(Code("53") < Code("5301"));
  CHECK(Code("5301") < Code("5302"));
  CHECK_FALSE(Code("5302") < Code("5301"));
}

}  // namespace
}  // namespace hotline::domain
