#include "services/routing/app/directory_validation.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "libs/common/utf8.h"
#include "libs/domain/category_code.h"
#include "libs/domain/region_code.h"
#include "libs/domain/unit_code.h"

namespace hotline::routing {
namespace {

namespace v1 = hotline::routing::v1;

void Check(bool ok, const std::string& prefix, const char* field, const std::string& why,
           std::vector<FieldViolation>& out) {
  if (!ok) out.push_back({absl::StrCat(prefix, ".", field), why});
}

bool BelowCounty(int tier) { return tier > hotline::common::v1::TIER_COUNTY; }

}  // namespace

void ValidateDepartment(const v1::DepartmentType& d, const std::string& prefix,
                        std::vector<FieldViolation>& out) {
  Check(domain::IsDepartmentCode(d.code()), prefix, "code",
        "must be lower-case letters, digits and '-' (≤ 64)", out);
  Check(!d.name().empty() && CodePoints(d.name()) <= 100, prefix, "name",
        "is required, at most 100 characters", out);
}

void ValidateUnit(const v1::Unit& u, const DirectoryFacts& facts, const std::string& prefix,
                  std::vector<FieldViolation>& out) {
  Check(domain::IsUnitId(u.id()), prefix, "id",
        "must be 1–128 of letters, digits and . _ : - (starting with a letter or digit)", out);
  Check(!u.name().empty() && CodePoints(u.name()) <= 200, prefix, "name",
        "is required, at most 200 characters", out);
  absl::StatusOr<domain::RegionCode> region = domain::RegionCode::Parse(u.region_code());
  if (!region.ok())
    out.push_back({absl::StrCat(prefix, ".region_code"), std::string(region.status().message())});
  auto dept = facts.departments.find(u.department());
  if (dept == facts.departments.end()) {
    out.push_back({absl::StrCat(prefix, ".department"), "unknown department type"});
  } else if (dept->second && region.ok() && BelowCounty(static_cast<int>(region->tier()))) {
    out.push_back({absl::StrCat(prefix, ".department"),
                   "a functional department cannot sit below county level"});
  }
  if (!u.parent_id().empty()) {
    Check(u.parent_id() != u.id() && facts.unit_ids.contains(u.parent_id()), prefix, "parent_id",
          "must name another existing unit", out);
  }
  Check(u.contact_roles_size() <= 16, prefix, "contact_roles", "at most 16", out);
  for (int i = 0; i < u.contact_roles_size(); ++i) {
    Check(domain::IsDepartmentCode(u.contact_roles(i)), prefix,
          absl::StrCat("contact_roles[", i, "]").c_str(),
          "must be lower-case letters, digits and '-'", out);
  }
}

void ValidateRule(const v1::CatalogueRule& r, const DirectoryFacts& facts,
                  const std::string& prefix, std::vector<FieldViolation>& out) {
  Check(domain::IsCategoryPrefix(r.category_prefix()), prefix, "category_prefix",
        "must be a category code or a '/'-boundary prefix of one (\"\" = all)", out);
  if (!r.region_prefix().empty()) {
    absl::StatusOr<domain::RegionCode> region = domain::RegionCode::Parse(r.region_prefix());
    if (!region.ok()) {
      out.push_back(
          {absl::StrCat(prefix, ".region_prefix"), std::string(region.status().message())});
    }
  }
  Check(v1::AreaKind_IsValid(r.area_kind()), prefix, "area_kind", "unknown area kind", out);
  const bool tier_ok = r.tier() >= hotline::common::v1::TIER_PROVINCE &&
                       r.tier() <= hotline::common::v1::TIER_VILLAGE;
  Check(tier_ok, prefix, "tier", "must be PROVINCE to VILLAGE", out);
  Check(r.departments_size() >= 1 && r.departments_size() <= 16, prefix, "departments",
        "1 to 16 department types, the lead first", out);
  absl::flat_hash_set<std::string> seen;
  for (int i = 0; i < r.departments_size(); ++i) {
    const std::string field = absl::StrCat(prefix, ".departments[", i, "]");
    auto dept = facts.departments.find(r.departments(i));
    if (dept == facts.departments.end()) {
      out.push_back({field, "unknown department type"});
    } else if (!seen.insert(r.departments(i)).second) {
      out.push_back({field, "named twice"});
    } else if (dept->second && tier_ok && BelowCounty(r.tier())) {
      out.push_back({field, "a functional department is not pushed down to township or village"});
    }
  }
  Check(r.priority() >= 0 && r.priority() <= 1000000, prefix, "priority", "must be 0 to 1000000",
        out);
  Check(CodePoints(r.note()) <= 500, prefix, "note", "at most 500 characters", out);
}

}  // namespace hotline::routing
