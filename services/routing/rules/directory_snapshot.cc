#include "services/routing/rules/directory_snapshot.h"

#include <charconv>

#include "absl/strings/str_cat.h"

namespace hotline::routing {
namespace {

constexpr uint64_t kPow10[] = {1,           10,           100,          1000,      10000,
                               100000,      1000000,      10000000,     100000000, 1000000000,
                               10000000000, 100000000000, 1000000000000};

template <typename T>
size_t VectorBytes(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

}  // namespace

uint64_t PackRegion(const domain::RegionCode& code) {
  const std::string padded = code.Padded12();
  uint64_t value = 0;
  std::from_chars(padded.data(), padded.data() + padded.size(), value);
  return value;
}

uint64_t AncestorAt(uint64_t packed, domain::Tier tier) {
  const uint64_t unit = kPow10[12 - domain::TierDigits(tier)];
  return packed / unit * unit;
}

void DirectorySnapshot::Builder::AddDepartment(absl::string_view code) {
  auto& s = *snapshot_;
  const auto id = static_cast<DeptId>(s.departments_.size());
  s.departments_.emplace_back(code);
  s.department_ids_.emplace(code, id);
}

void DirectorySnapshot::Builder::Reserve(size_t units) {
  snapshot_->units_.reserve(units);
  snapshot_->by_place_.reserve(units);
  snapshot_->arena_.reserve(units * 48);
}

absl::Status DirectorySnapshot::Builder::AddUnit(absl::string_view id, absl::string_view name,
                                                 absl::string_view region_code,
                                                 absl::string_view department) {
  auto& s = *snapshot_;
  absl::StatusOr<domain::RegionCode> region =
      domain::RegionCode::Parse(std::string_view(region_code.data(), region_code.size()));
  if (!region.ok()) return region.status();
  std::optional<DeptId> dept = s.DepartmentId(department);
  if (!dept) return absl::InvalidArgumentError(absl::StrCat("unknown department ", department));

  Unit unit{};
  unit.region = PackRegion(*region);
  unit.department = *dept;
  unit.tier = static_cast<uint8_t>(region->tier());
  unit.id_offset = static_cast<uint32_t>(s.arena_.size());
  unit.id_length = static_cast<uint16_t>(id.size());
  s.arena_.append(id.data(), id.size());
  unit.name_offset = static_cast<uint32_t>(s.arena_.size());
  unit.name_length = static_cast<uint16_t>(name.size());
  s.arena_.append(name.data(), name.size());

  const auto index = static_cast<uint32_t>(s.units_.size());
  s.units_.push_back(unit);
  auto [it, inserted] = s.by_place_.emplace(Key(unit.region, unit.department), index);
  if (!inserted) it->second |= kSeveral;
  s.regions_.insert(unit.region);
  return absl::OkStatus();
}

absl::Status DirectorySnapshot::Builder::AddRule(int64_t id, absl::string_view category_prefix,
                                                 absl::string_view region_prefix,
                                                 AreaKind area_kind, domain::Tier tier,
                                                 const std::vector<std::string>& departments,
                                                 int priority, absl::string_view note) {
  auto& s = *snapshot_;
  CatalogueRule rule;
  rule.id = id;
  rule.category_prefix = std::string(category_prefix);
  if (!region_prefix.empty()) {
    absl::StatusOr<domain::RegionCode> region =
        domain::RegionCode::Parse(std::string_view(region_prefix.data(), region_prefix.size()));
    if (!region.ok()) return region.status();
    rule.region_prefix = region->code();
  }
  rule.area_kind = area_kind;
  rule.tier = tier;
  for (const std::string& code : departments) {
    std::optional<DeptId> dept = s.DepartmentId(code);
    if (!dept) return absl::InvalidArgumentError(absl::StrCat("unknown department ", code));
    rule.departments.push_back(*dept);
  }
  if (rule.departments.empty()) return absl::InvalidArgumentError("rule names no department");
  rule.priority = priority;
  rule.note = std::string(note);
  s.rules_by_prefix_[rule.category_prefix].push_back(static_cast<uint32_t>(s.rules_.size()));
  s.rules_.push_back(std::move(rule));
  return absl::OkStatus();
}

std::shared_ptr<const DirectorySnapshot> DirectorySnapshot::Builder::Build(
    int64_t version, absl::Time loaded_at, absl::Duration load_time) && {
  snapshot_->version_ = version;
  snapshot_->loaded_at_ = loaded_at;
  snapshot_->load_time_ = load_time;
  snapshot_->units_.shrink_to_fit();
  snapshot_->arena_.shrink_to_fit();
  return std::shared_ptr<const DirectorySnapshot>(std::move(snapshot_));
}

std::optional<DeptId> DirectorySnapshot::DepartmentId(absl::string_view code) const {
  auto it = department_ids_.find(code);
  if (it == department_ids_.end()) return std::nullopt;
  return it->second;
}

DirectorySnapshot::UnitMatch DirectorySnapshot::UnitAt(uint64_t region, DeptId department) const {
  auto it = by_place_.find(Key(region, department));
  if (it == by_place_.end()) return {};
  const uint32_t value = it->second;
  return {&units_[value & ~kSeveral], (value & kSeveral) ? 2 : 1};
}

const std::vector<uint32_t>* DirectorySnapshot::RulesWithPrefix(absl::string_view prefix) const {
  auto it = rules_by_prefix_.find(prefix);
  return it == rules_by_prefix_.end() ? nullptr : &it->second;
}

size_t DirectorySnapshot::MemoryBytes() const {
  // flat_hash_map: one slot plus one control byte per bucket.
  const size_t place_bytes = by_place_.capacity() * (sizeof(std::pair<uint64_t, uint32_t>) + 1);
  const size_t region_bytes = regions_.capacity() * (sizeof(uint64_t) + 1);
  size_t rule_bytes = VectorBytes(rules_);
  for (const CatalogueRule& r : rules_) {
    rule_bytes += r.category_prefix.capacity() + r.note.capacity() + VectorBytes(r.departments);
  }
  return sizeof(*this) + VectorBytes(units_) + arena_.capacity() + place_bytes + region_bytes +
         rule_bytes + VectorBytes(departments_);
}

}  // namespace hotline::routing
