#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "libs/domain/region_code.h"

namespace hotline::routing {

using DeptId = uint16_t;

// Numbers mirror hotline.routing.v1.AreaKind.
enum class AreaKind : int { kAny = 0, kUrbanDistrict = 1, kCounty = 2 };

// A division code as the 12-digit number of its padded form: compact, and an ancestor is a
// division by a power of ten.
uint64_t PackRegion(const domain::RegionCode& code);
// The ancestor of `packed` at `tier` (the code itself when it is no deeper).
uint64_t AncestorAt(uint64_t packed, domain::Tier tier);

// A dispatch catalogue row (派单目录) as routing uses it.
struct CatalogueRule {
  int64_t id = 0;
  std::string category_prefix;  // "" = every category
  std::string region_prefix;    // canonical; "" = everywhere
  AreaKind area_kind = AreaKind::kAny;
  domain::Tier tier = domain::Tier::kCounty;
  std::vector<DeptId> departments;  // first = lead
  int priority = 100;
  std::string note;
};

// One version of the directory and the catalogue, immutable once built and shared by every
// routing decision made while it is current. Only active units and rules are in it. Sized for
// the whole country: units are packed into 24 bytes plus their id and name in one arena, and
// found by (region, department) in one hash probe — never by scanning.
class DirectorySnapshot {
 public:
  struct Unit {
    uint64_t region;
    uint32_t id_offset;
    uint32_t name_offset;
    uint16_t id_length;
    uint16_t name_length;
    DeptId department;
    uint8_t tier;  // domain::Tier
  };
  // The units of a department at one region: none, one, or several (which is a tie).
  struct UnitMatch {
    const Unit* unit = nullptr;
    int count = 0;
  };

  class Builder {
   public:
    void AddDepartment(absl::string_view code);
    // INVALID_ARGUMENT for a malformed region or an unknown department.
    absl::Status AddUnit(absl::string_view id, absl::string_view name,
                         absl::string_view region_code, absl::string_view department);
    // Department codes are resolved here; INVALID_ARGUMENT for an unknown one.
    absl::Status AddRule(int64_t id, absl::string_view category_prefix,
                         absl::string_view region_prefix, AreaKind area_kind, domain::Tier tier,
                         const std::vector<std::string>& departments, int priority,
                         absl::string_view note);
    void Reserve(size_t units);
    std::shared_ptr<const DirectorySnapshot> Build(int64_t version, absl::Time loaded_at,
                                                   absl::Duration load_time) &&;

   private:
    std::unique_ptr<DirectorySnapshot> snapshot_ = std::make_unique<DirectorySnapshot>();
  };

  std::optional<DeptId> DepartmentId(absl::string_view code) const;
  absl::string_view DepartmentCode(DeptId id) const { return departments_[id]; }

  UnitMatch UnitAt(uint64_t region, DeptId department) const;
  // Some active unit sits exactly at this region: the directory knows the place.
  bool KnowsRegion(uint64_t region) const { return regions_.contains(region); }
  absl::string_view IdOf(const Unit& unit) const {
    return absl::string_view(arena_).substr(unit.id_offset, unit.id_length);
  }
  absl::string_view NameOf(const Unit& unit) const {
    return absl::string_view(arena_).substr(unit.name_offset, unit.name_length);
  }

  const std::vector<CatalogueRule>& rules() const { return rules_; }
  // Indexes into rules() of the rules whose category_prefix is exactly `prefix`; null if none.
  const std::vector<uint32_t>* RulesWithPrefix(absl::string_view prefix) const;

  int64_t version() const { return version_; }
  absl::Time loaded_at() const { return loaded_at_; }
  absl::Duration load_time() const { return load_time_; }
  size_t unit_count() const { return units_.size(); }
  // What the snapshot holds in memory, counted from its containers' capacities.
  size_t MemoryBytes() const;

 private:
  static uint64_t Key(uint64_t region, DeptId department) { return (region << 16) | department; }
  static constexpr uint32_t kSeveral = 0x80000000u;  // more than one unit under the key

  std::vector<std::string> departments_;  // codes by DeptId
  absl::flat_hash_map<std::string, DeptId> department_ids_;
  std::vector<Unit> units_;
  std::string arena_;
  absl::flat_hash_map<uint64_t, uint32_t> by_place_;  // Key → unit index | kSeveral
  absl::flat_hash_set<uint64_t> regions_;
  std::vector<CatalogueRule> rules_;
  absl::flat_hash_map<std::string, std::vector<uint32_t>> rules_by_prefix_;
  int64_t version_ = 0;
  absl::Time loaded_at_;
  absl::Duration load_time_;
};

}  // namespace hotline::routing
