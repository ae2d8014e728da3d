#include "tools/directory/unit_generator.h"

#include <cstdio>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "libs/domain/region_code.h"
#include "tools/directory/department_types.h"
#include "tools/directory/string_views.h"

namespace hotline::directory {
namespace {

using common::v1::Tier;

constexpr int kMaxVillages = 999;  // three digits of the code

Tier TierOfLength(size_t digits) {
  switch (digits) {
    case 2:
      return common::v1::TIER_PROVINCE;
    case 4:
      return common::v1::TIER_PREFECTURE;
    case 6:
      return common::v1::TIER_COUNTY;
    case 9:
      return common::v1::TIER_TOWNSHIP;
    default:
      return common::v1::TIER_VILLAGE;
  }
}

class Generator {
 public:
  Generator(const Divisions& divisions, const GeneratorOptions& options,
            std::vector<std::string> scopes, std::vector<const DepartmentSpec*> village_specs,
            const UnitSink& sink)
      : divisions_(divisions),
        options_(options),
        scopes_(std::move(scopes)),
        village_specs_(std::move(village_specs)),
        sink_(sink) {}

  GenerationCounts Run() {
    for (const Division& province : divisions_.provinces) {
      if (!Generated(province.code)) continue;
      province_name_ = province.name;
      EmitPlace(province.code, province.name);
      for (const Division& prefecture : Divisions::Within(divisions_.prefectures, province.code)) {
        if (Generated(prefecture.code)) {
          EmitPlace(prefecture.code, PrefectureDisplayName(province.name, prefecture.name));
        }
        for (const Division& county : Divisions::Within(divisions_.counties, prefecture.code)) {
          const bool usable = Usable(county.code);
          if (Generated(county.code)) {
            if (usable) EmitPlace(county.code, county.name);
            if (!usable) ++counts_.skipped_divisions;
          }
          // A placeholder county (a city without counties) has no units of its own, but its
          // townships are real: 441900003 is a town of Dongguan, under the city itself.
          for (const Division& township : Divisions::Within(divisions_.townships, county.code)) {
            if (!Generated(township.code)) continue;
            if (!Usable(township.code)) {
              ++counts_.skipped_divisions;
              continue;
            }
            EmitPlace(township.code, township.name);
            EmitVillages(township);
          }
        }
      }
    }
    return counts_;
  }

 private:
  bool InScope(std::string_view code) const {
    for (const std::string& scope : scopes_) {
      if (StartsWith(code, scope)) return true;
    }
    return false;
  }
  // The statistics use placeholder segments where a level is missing: prefectures without
  // counties (东莞 441900, 中山 442000, 儋州 460400) and 金门's 350527000. A placeholder
  // reads as its parent ("441900" is the prefecture 4419 itself), so it gets no units.
  static bool Usable(const std::string& code) {
    absl::StatusOr<domain::RegionCode> parsed = domain::RegionCode::Parse(code);
    return parsed.ok() && parsed->code() == code;
  }

  // In a scope, or the province of one.
  bool Generated(std::string_view code) const {
    if (InScope(code)) return true;
    if (code.size() != 2) return false;
    for (const std::string& scope : scopes_) {
      if (StartsWith(scope, code)) return true;
    }
    return false;
  }

  bool Placed(const DepartmentSpec& spec, Tier tier) const {
    if (tier != common::v1::TIER_VILLAGE) return PlacedAt(spec, tier);
    for (const DepartmentSpec* v : village_specs_) {
      if (v == &spec) return true;
    }
    return false;
  }

  // The nearest generated ancestor's unit of the same department, else its government.
  std::string ParentId(std::string_view code, const DepartmentSpec& spec) const {
    const Tier tier = TierOfLength(code.size());
    if (tier == common::v1::TIER_PROVINCE) {
      return spec.code == "government" ? "" : absl::StrCat(Av(code), "-government");
    }
    for (size_t digits : {9, 6, 4, 2}) {
      if (digits >= code.size()) continue;
      std::string_view ancestor = code.substr(0, digits);
      if (!Generated(ancestor) || !Usable(std::string(ancestor))) continue;
      const Tier up = TierOfLength(digits);
      return absl::StrCat(Av(ancestor), "-", Av(Placed(spec, up) ? spec.code : GovernmentOf(up)));
    }
    return "";
  }

  void Emit(std::string_view code, Tier tier, const DepartmentSpec& spec, std::string name) {
    unit_.Clear();
    unit_.set_id(absl::StrCat(Av(code), "-", Av(spec.code)));
    unit_.set_name(std::move(name));
    unit_.set_region_code(std::string(code));
    unit_.set_department(std::string(spec.code));
    unit_.set_parent_id(ParentId(code, spec));
    unit_.set_active(true);
    for (const std::string& role : options_.contact_roles) unit_.add_contact_roles(role);
    sink_(unit_);
    switch (tier) {
      case common::v1::TIER_PROVINCE:
        ++counts_.province_units;
        break;
      case common::v1::TIER_PREFECTURE:
        ++counts_.prefecture_units;
        break;
      case common::v1::TIER_COUNTY:
        ++counts_.county_units;
        break;
      case common::v1::TIER_TOWNSHIP:
        ++counts_.township_units;
        break;
      default:
        ++counts_.village_units;
        break;
    }
  }

  void EmitPlace(std::string_view code, std::string_view name) {
    const Tier tier = TierOfLength(code.size());
    for (const DepartmentSpec& spec : DepartmentSpecs()) {
      if (PlacedAt(spec, tier)) Emit(code, tier, spec, UnitName(spec, tier, name, province_name_));
    }
  }

  void EmitVillages(const Division& township) {
    const bool community = IsStreetCode(township.code);
    char code[16];
    for (int i = 1; i <= options_.villages_per_township; ++i) {
      std::snprintf(code, sizeof(code), "%s%03d", township.code.c_str(), i);
      const std::string name = VillageName(township.name, i, community);
      for (const DepartmentSpec* spec : village_specs_) {
        Emit(code, common::v1::TIER_VILLAGE, *spec,
             UnitName(*spec, common::v1::TIER_VILLAGE, name, province_name_));
      }
      ++counts_.villages;
    }
  }

  const Divisions& divisions_;
  const GeneratorOptions& options_;
  const std::vector<std::string> scopes_;
  const std::vector<const DepartmentSpec*> village_specs_;
  const UnitSink& sink_;
  std::string province_name_;
  routing::v1::Unit unit_;  // reused: no allocation churn over ~10^6 units
  GenerationCounts counts_;
};

}  // namespace

absl::StatusOr<GenerationCounts> GenerateUnits(const Divisions& divisions,
                                               const GeneratorOptions& options,
                                               const UnitSink& sink) {
  if (options.scopes.empty()) return absl::InvalidArgumentError("no scope given");
  std::vector<std::string> scopes;
  for (const std::string& scope : options.scopes) {
    absl::StatusOr<domain::RegionCode> code = domain::RegionCode::Parse(scope);
    if (!code.ok()) return code.status();
    if (code->tier() == domain::Tier::kVillage || divisions.Find(code->code()) == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("scope ", scope,
                       " is not a province, prefecture, county or township of "
                       "the division data"));
    }
    scopes.push_back(code->code());
  }
  if (options.villages_per_township < 0 || options.villages_per_township > kMaxVillages) {
    return absl::InvalidArgumentError(
        absl::StrCat("villages_per_township must be within 0..", kMaxVillages));
  }
  std::vector<const DepartmentSpec*> village_specs;
  for (const std::string& code : options.village_departments) {
    const DepartmentSpec* spec = FindDepartmentSpec(code);
    if (spec == nullptr || !spec->village) {
      return absl::InvalidArgumentError(absl::StrCat(
          "village department \"", code, "\" is not one the generator knows at village tier"));
    }
    for (const DepartmentSpec* seen : village_specs) {
      if (seen == spec) {
        return absl::InvalidArgumentError(absl::StrCat("village department \"", code, "\" twice"));
      }
    }
    village_specs.push_back(spec);
  }
  return Generator(divisions, options, std::move(scopes), std::move(village_specs), sink).Run();
}

}  // namespace hotline::directory
