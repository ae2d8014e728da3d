#include "services/routing/rules/routing_rules.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/domain/category_code.h"

namespace hotline::routing {
namespace {

using domain::AssignmentRole;
using domain::Tier;
using Unit = DirectorySnapshot::Unit;

struct Candidate {
  const CatalogueRule* rule;
  int category_length;
};

// Higher is more specific: longer category prefix, longer region prefix, a set area kind, then
// the lower priority number; the lower id last, so the order is total and decisions repeatable.
auto Rank(const Candidate& c) {
  return std::make_tuple(c.category_length, static_cast<int>(c.rule->region_prefix.size()),
                         c.rule->area_kind != AreaKind::kAny, -c.rule->priority);
}

bool Matches(const CatalogueRule& rule, const domain::RegionCode& region, AreaKind area) {
  if (!rule.region_prefix.empty() &&
      region.code().compare(0, rule.region_prefix.size(), rule.region_prefix) != 0) {
    return false;
  }
  return rule.area_kind == AreaKind::kAny || rule.area_kind == area;
}

bool IsExcluded(const DirectorySnapshot& dir, const Unit& unit,
                absl::Span<const std::string> excluded) {
  const absl::string_view id = dir.IdOf(unit);
  return std::find(excluded.begin(), excluded.end(), id) != excluded.end();
}

// The tier of a jurisdiction prefix by its length; nationwide ("") reaches the provinces.
int TierOfPrefix(absl::string_view prefix) {
  switch (prefix.size()) {
    case 0:
    case 2:
      return static_cast<int>(Tier::kProvince);
    case 4:
      return static_cast<int>(Tier::kPrefecture);
    case 6:
      return static_cast<int>(Tier::kCounty);
    case 9:
      return static_cast<int>(Tier::kTownship);
    default:
      return static_cast<int>(Tier::kVillage);
  }
}

enum class Found { kUnit, kNone, kSeveral, kExcluded };

struct Lookup {
  Found found = Found::kNone;
  const Unit* unit = nullptr;
  UnitPick pick = UnitPick::kAtTier;
};

// The unit of `department` at the ancestor of the place at `tier`; when the directory has none
// there, the nearest enclosing division's, but never above the instance's own level and never
// past a unit that returned the ticket (its superior does not inherit a contested ticket).
Lookup FindUnit(const DirectorySnapshot& dir, DeptId department, Tier tier, uint64_t place,
                Tier place_tier, int top_tier, absl::Span<const std::string> excluded) {
  const int start = std::min(static_cast<int>(tier), static_cast<int>(place_tier));
  for (int t = start; t >= top_tier; --t) {
    const DirectorySnapshot::UnitMatch match =
        dir.UnitAt(AncestorAt(place, static_cast<Tier>(t)), department);
    if (match.count == 0) continue;
    if (match.count > 1) return {Found::kSeveral, match.unit};
    if (IsExcluded(dir, *match.unit, excluded)) return {Found::kExcluded, match.unit};
    return {Found::kUnit, match.unit,
            t == static_cast<int>(tier) ? UnitPick::kAtTier : UnitPick::kFallback};
  }
  return {};
}

// Exactly at `tier`, for the emergency chain: its roles are tied to their level.
const Unit* ChainUnit(const DirectorySnapshot& dir, absl::string_view department, Tier tier,
                      uint64_t place, Tier place_tier, absl::Span<const std::string> excluded) {
  if (static_cast<int>(place_tier) < static_cast<int>(tier)) return nullptr;
  std::optional<DeptId> dept = dir.DepartmentId(department);
  if (!dept) return nullptr;
  const DirectorySnapshot::UnitMatch match = dir.UnitAt(AncestorAt(place, tier), *dept);
  if (match.count != 1 || IsExcluded(dir, *match.unit, excluded)) return nullptr;
  return match.unit;
}

void ToManualQueue(Decision& d, absl::string_view reason_code, const RoutingInput& input) {
  d.outcome = Outcome::kManualQueue;
  d.reason_code = reason_code;
  d.units.clear();
  if (input.involves_minor || input.child_protection_emergency)
    d.review_with_department = kCivilAffairs;
}

// The narrowest delegated region the place lies in, if any.
const DelegatedRegion* DelegationOf(const RoutingInput& input) {
  const DelegatedRegion* best = nullptr;
  for (const DelegatedRegion& delegated : input.delegated_regions) {
    if (delegated.region_prefix.empty() ||
        !domain::InJurisdiction(delegated.region_prefix, input.region)) {
      continue;
    }
    if (best == nullptr || delegated.region_prefix.size() > best->region_prefix.size()) {
      best = &delegated;
    }
  }
  return best;
}

// The catalogue rules that cover the matter, most specific first.
absl::InlinedVector<Candidate, 8> RankedCandidates(const DirectorySnapshot& dir,
                                                   const RoutingInput& input) {
  const AreaKind area = AreaKindOf(input.region);
  absl::InlinedVector<Candidate, 8> candidates;
  absl::string_view prefix = input.category;
  while (true) {
    if (const std::vector<uint32_t>* rules = dir.RulesWithPrefix(prefix)) {
      for (uint32_t index : *rules) {
        const CatalogueRule& rule = dir.rules()[index];
        if (Matches(rule, input.region, area)) {
          candidates.push_back({&rule, static_cast<int>(prefix.size())});
        }
      }
    }
    if (prefix.empty()) break;
    prefix = domain::ParentCategory(prefix);
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    const auto ra = Rank(a), rb = Rank(b);
    return ra != rb ? ra > rb : a.rule->id < b.rule->id;
  });
  return candidates;
}

// At the provincial platform, a matter the catalogue gives to a provincial department first
// stays here even when a prefecture instance serves the place: it is the province's to dispatch
// (a prefecture sends such matters up, and would only send them back).
bool ProvincialMatterAtProvince(const DirectorySnapshot& dir, absl::string_view jurisdiction,
                                const RoutingInput& input) {
  if (jurisdiction.size() != 2) return false;
  const absl::InlinedVector<Candidate, 8> candidates = RankedCandidates(dir, input);
  return !candidates.empty() && candidates[0].rule->tier == Tier::kProvince;
}

Decision EmergencyChain(const DirectorySnapshot& dir, const RoutingInput& input, uint64_t place) {
  Decision d;
  const Tier tier = input.region.tier();
  const auto excluded = input.excluded_unit_ids;
  const Unit* supervisor = ChainUnit(dir, kChildSupervisor, Tier::kTownship, place, tier, excluded);
  const Unit* director = ChainUnit(dir, kChildDirector, Tier::kVillage, place, tier, excluded);
  if (supervisor == nullptr && director == nullptr) {
    ToManualQueue(d, "routing.emergency_chain_incomplete", input);
    return d;
  }
  d.outcome = Outcome::kEmergencyChain;
  d.reason_code = "routing.emergency_chain";
  if (supervisor != nullptr) {
    d.units.push_back({supervisor, AssignmentRole::kLead, 0, UnitPick::kChainSupervisor});
  }
  if (director != nullptr) {
    d.units.push_back({director, supervisor ? AssignmentRole::kCoHandler : AssignmentRole::kLead, 0,
                       UnitPick::kChainDirector});
  }
  const std::pair<absl::string_view, Tier> notified[] = {
      {kCivilAffairs, Tier::kCounty},
      {kMinorProtectionCentre, Tier::kPrefecture},
      {kCivilAffairs, Tier::kPrefecture}};
  int order = 0;
  for (const auto& [department, at] : notified) {
    if (const Unit* unit = ChainUnit(dir, department, at, place, tier, {})) {
      d.units.push_back({unit, AssignmentRole::kNotified, ++order, UnitPick::kChainNotified});
    }
  }
  return d;
}

}  // namespace

AreaKind AreaKindOf(const domain::RegionCode& region) {
  if (static_cast<int>(region.tier()) < static_cast<int>(Tier::kCounty)) return AreaKind::kAny;
  const int county = (region.code()[4] - '0') * 10 + (region.code()[5] - '0');
  return county <= 20 ? AreaKind::kUrbanDistrict : AreaKind::kCounty;
}

Decision Route(const DirectorySnapshot& dir, absl::string_view jurisdiction,
               const RoutingInput& input) {
  Decision d;
  if (!domain::InJurisdiction(std::string_view(jurisdiction.data(), jurisdiction.size()),
                              input.region)) {
    d.outcome = Outcome::kTransferredOut;
    d.reason_code = "routing.outside_jurisdiction";
    return d;
  }
  const DelegatedRegion* delegated = DelegationOf(input);
  if (delegated != nullptr && !ProvincialMatterAtProvince(dir, jurisdiction, input)) {
    d.outcome = Outcome::kTransferredOut;
    d.reason_code = "routing.delegated_to_instance";
    d.delegated = delegated;
    return d;
  }
  const uint64_t place = PackRegion(input.region);
  if (input.child_protection_emergency) return EmergencyChain(dir, input, place);
  if (!dir.KnowsRegion(place)) {
    ToManualQueue(d, "routing.unknown_region", input);
    return d;
  }

  const absl::InlinedVector<Candidate, 8> candidates = RankedCandidates(dir, input);

  // Tiers a unit may be looked up at: never above the instance's own level.
  const int top_tier = TierOfPrefix(jurisdiction);
  const bool prefecture_or_below = top_tier > static_cast<int>(Tier::kProvince);
  const Tier place_tier = input.region.tier();

  bool had_unit_problem = false;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const CatalogueRule& rule = *candidates[i].rule;
    for (size_t j = i + 1; j < candidates.size() && Rank(candidates[j]) == Rank(candidates[i]);
         ++j) {
      if (candidates[j].rule->departments != rule.departments) {
        d.considered.push_back({&rule, RuleVerdict::kTied, candidates[j].rule});
        d.considered.push_back({candidates[j].rule, RuleVerdict::kTied, &rule});
        ToManualQueue(d, "routing.rule_tie", input);
        return d;
      }
    }
    if (rule.tier == Tier::kProvince && prefecture_or_below) {
      d.considered.push_back({&rule, RuleVerdict::kProvincial});
      d.outcome = Outcome::kTransferredOut;
      d.reason_code = "routing.provincial_department";
      d.provincial_rule = &rule;
      return d;
    }
    const Lookup lead = FindUnit(dir, rule.departments[0], rule.tier, place, place_tier, top_tier,
                                 input.excluded_unit_ids);
    if (lead.found != Found::kUnit) {
      had_unit_problem = true;
      d.considered.push_back({&rule, lead.found == Found::kExcluded  ? RuleVerdict::kLeadReturned
                                     : lead.found == Found::kSeveral ? RuleVerdict::kLeadUnitTied
                                                                     : RuleVerdict::kNoLeadUnit});
      continue;
    }
    d.considered.push_back({&rule, RuleVerdict::kChosen});
    d.units.push_back({lead.unit, AssignmentRole::kLead, 0, lead.pick});
    for (size_t k = 1; k < rule.departments.size(); ++k) {
      const Lookup co = FindUnit(dir, rule.departments[k], rule.tier, place, place_tier, top_tier,
                                 input.excluded_unit_ids);
      const bool again = std::any_of(d.units.begin(), d.units.end(),
                                     [&](const ChosenUnit& c) { return c.unit == co.unit; });
      if (co.found == Found::kUnit && !again) {
        d.units.push_back({co.unit, AssignmentRole::kCoHandler, 0, co.pick});
      }
    }
    for (size_t k = i + 1; k < candidates.size() && d.considered.size() < 8; ++k) {
      d.considered.push_back({candidates[k].rule, RuleVerdict::kOutranked});
    }
    d.outcome = Outcome::kDispatched;
    d.reason_code = "routing.dispatched";
    return d;
  }
  ToManualQueue(d, had_unit_problem ? "routing.no_unit" : "routing.no_rule", input);
  return d;
}

absl::string_view RuleVerdictText(RuleVerdict verdict) {
  switch (verdict) {
    case RuleVerdict::kChosen:
      return "most specific matching rule";
    case RuleVerdict::kTied:
      return "tied: as specific and as high in priority as another rule naming other departments";
    case RuleVerdict::kLeadReturned:
      return "its lead unit returned this ticket";
    case RuleVerdict::kNoLeadUnit:
      return "the directory has no active unit of its lead department for this place";
    case RuleVerdict::kLeadUnitTied:
      return "several active units of its lead department for this place";
    case RuleVerdict::kOutranked:
      return "a more specific or higher-priority rule was chosen";
    case RuleVerdict::kProvincial:
      return "handled by a provincial department";
  }
  return "";
}

std::string UnitPickText(const DirectorySnapshot& dir, const ChosenUnit& chosen,
                         const CatalogueRule* rule) {
  const absl::string_view dept = dir.DepartmentCode(chosen.unit->department);
  const std::string tier(domain::TierName(static_cast<Tier>(chosen.unit->tier)));
  switch (chosen.pick) {
    case UnitPick::kAtTier:
      return absl::StrCat(dept, " unit at the rule's tier (", tier, ")");
    case UnitPick::kFallback:
      return absl::StrCat("no ", dept, " unit at ",
                          rule ? std::string(domain::TierName(rule->tier)) : "",
                          " level for this place; nearest enclosing one, at ", tier, " level");
    case UnitPick::kChainSupervisor:
      return "12349 emergency chain: township child supervisor of the place";
    case UnitPick::kChainDirector:
      return "12349 emergency chain: village child director of the place";
    case UnitPick::kChainNotified:
      return absl::StrCat("12349 emergency chain: informed in order (", chosen.notify_order, "), ",
                          dept, " at ", tier, " level");
  }
  return "";
}

std::string DecisionReasonText(const DirectorySnapshot& dir, const Decision& d,
                               const RoutingInput& input) {
  const std::string& place = input.region.code();
  if (d.reason_code == "routing.dispatched") {
    return absl::StrCat("dispatched by catalogue rule ", d.considered.front().rule->id);
  }
  if (d.reason_code == "routing.emergency_chain") {
    return "child-protection emergency: dispatched to the 12349 chain";
  }
  if (d.reason_code == "routing.emergency_chain_incomplete") {
    return absl::StrCat(
        "child-protection emergency, but the directory has no child supervisor or "
        "child director for ",
        place, ": dispatch by hand with civil affairs at once");
  }
  if (d.reason_code == "routing.outside_jurisdiction") {
    return absl::StrCat("place ", place, " is outside this instance's jurisdiction");
  }
  if (d.reason_code == "routing.delegated_to_instance") {
    return absl::StrCat("place ", place, " is served by instance ", d.delegated->instance_code,
                        " (its own hotline): for provincial transfer");
  }
  if (d.reason_code == "routing.provincial_department") {
    std::vector<absl::string_view> depts;
    for (DeptId id : d.provincial_rule->departments) depts.push_back(dir.DepartmentCode(id));
    return absl::StrCat("catalogue rule ", d.provincial_rule->id,
                        " names a provincial department (", absl::StrJoin(depts, ", "), ")");
  }
  if (d.reason_code == "routing.unknown_region") {
    return absl::StrCat("the directory has no unit for place ", place);
  }
  if (d.reason_code == "routing.rule_tie") {
    return absl::StrCat("catalogue rules ", d.considered[0].rule->id, " and ",
                        d.considered[1].rule->id, " tie for category ", input.category);
  }
  if (d.reason_code == "routing.no_unit") {
    return absl::StrCat("matching rules found no unit to lead for place ", place);
  }
  return absl::StrCat("no catalogue rule for category ", input.category, " at place ", place);
}

}  // namespace hotline::routing
