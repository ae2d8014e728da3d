#include "tests/unit/routing/fake_directory_store.h"

#include <tuple>

#include "libs/domain/region_code.h"

namespace hotline::testing {

namespace v1 = hotline::routing::v1;
namespace common = hotline::common::v1;

absl::flat_hash_map<std::string, bool> FakeDirectoryStore::DepartmentKinds(Transaction&) const {
  absl::flat_hash_map<std::string, bool> out;
  for (const auto& [code, d] : data_.departments) out.emplace(code, d.functional());
  return out;
}

std::vector<v1::DepartmentType> FakeDirectoryStore::Departments(Transaction&) const {
  std::vector<v1::DepartmentType> out;
  for (const auto& [code, d] : data_.departments) out.push_back(d);
  return out;
}

void FakeDirectoryStore::UpsertDepartment(Transaction&, const v1::DepartmentType& d) const {
  data_.departments[d.code()] = d;
}

int64_t FakeDirectoryStore::UsesBelowCounty(Transaction&, const std::string& department) const {
  int64_t uses = 0;
  for (const auto& [id, u] : data_.units) {
    uses += u.active() && u.department() == department && u.tier() > common::TIER_COUNTY;
  }
  for (const auto& [id, r] : data_.rules) {
    if (!r.active() || r.tier() <= common::TIER_COUNTY) continue;
    for (const std::string& d : r.departments()) uses += d == department;
  }
  return uses;
}

std::vector<std::string> FakeDirectoryStore::ExistingUnitIds(
    Transaction&, const std::vector<std::string>& ids) const {
  std::vector<std::string> out;
  for (const std::string& id : ids) {
    if (data_.units.count(id) > 0) out.push_back(id);
  }
  return out;
}

v1::Unit FakeDirectoryStore::UpsertUnit(Transaction&, const v1::Unit& unit) const {
  v1::Unit stored = unit;
  const domain::RegionCode region = domain::RegionCode::Parse(unit.region_code()).value();
  stored.set_region_code(region.code());
  stored.set_tier(static_cast<common::Tier>(region.tier()));
  stored.set_active(true);
  data_.units[unit.id()] = stored;
  return stored;
}

bool FakeDirectoryStore::DeactivateUnit(Transaction&, const std::string& unit_id) const {
  auto it = data_.units.find(unit_id);
  if (it == data_.units.end()) return false;
  it->second.set_active(false);
  return true;
}

std::optional<v1::Unit> FakeDirectoryStore::GetUnit(Transaction&,
                                                    const std::string& unit_id) const {
  auto it = data_.units.find(unit_id);
  if (it == data_.units.end()) return std::nullopt;
  return it->second;
}

v1::CatalogueRule FakeDirectoryStore::UpsertRule(Transaction&,
                                                 const v1::CatalogueRule& rule) const {
  auto scope = [](const v1::CatalogueRule& r) {
    return std::make_tuple(r.category_prefix(), r.region_prefix(), r.area_kind(), r.priority());
  };
  int64_t id = data_.rules.empty() ? 1 : data_.rules.rbegin()->first + 1;
  for (const auto& [existing_id, r] : data_.rules) {
    if (scope(r) == scope(rule)) id = existing_id;
  }
  v1::CatalogueRule& stored = data_.rules[id] = rule;
  stored.set_id(id);
  stored.set_active(true);
  return stored;
}

std::optional<v1::CatalogueRule> FakeDirectoryStore::UpdateRule(
    Transaction&, const v1::CatalogueRule& rule) const {
  auto it = data_.rules.find(rule.id());
  if (it == data_.rules.end()) return std::nullopt;
  it->second = rule;
  it->second.set_active(true);
  return it->second;
}

bool FakeDirectoryStore::DeactivateRule(Transaction&, int64_t rule_id) const {
  auto it = data_.rules.find(rule_id);
  if (it == data_.rules.end()) return false;
  it->second.set_active(false);
  return true;
}

std::vector<v1::CatalogueRule> FakeDirectoryStore::Rules(Transaction&,
                                                         bool include_inactive) const {
  std::vector<v1::CatalogueRule> out;
  for (const auto& [id, r] : data_.rules) {
    if (r.active() || include_inactive) out.push_back(r);
  }
  return out;
}

routing::ImportedUnits FakeDirectoryStore::ImportUnits(Transaction& tx,
                                                       const std::vector<const v1::Unit*>& units,
                                                       bool replace) const {
  routing::ImportedUnits imported;
  std::map<std::string, bool> carried;
  for (const v1::Unit* u : units) {
    v1::Unit stored = UpsertUnit(tx, *u);
    stored.set_active(u->active());
    data_.units[u->id()] = stored;
    carried[u->id()] = true;
  }
  imported.written = static_cast<int64_t>(units.size());
  if (replace) {
    for (auto& [id, u] : data_.units) {
      if (u.active() && carried.count(id) == 0) {
        u.set_active(false);
        ++imported.deactivated;
      }
    }
  }
  return imported;
}

int64_t FakeDirectoryStore::DeactivateRulesExcept(Transaction&,
                                                  const std::vector<int64_t>& kept) const {
  int64_t deactivated = 0;
  for (auto& [id, r] : data_.rules) {
    if (r.active() && std::find(kept.begin(), kept.end(), id) == kept.end()) {
      r.set_active(false);
      ++deactivated;
    }
  }
  return deactivated;
}

}  // namespace hotline::testing
