#include <pqxx/result>
#include <pqxx/row>

#include "libs/domain/region_code.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"
#include "services/routing/store/pg_directory_store.h"

namespace hotline::routing {
namespace {

namespace v1 = hotline::routing::v1;
namespace common = hotline::common::v1;

// The columns RuleFromRow reads, joined into each statement's text by the compiler.
#define ROUTING_RULE_COLUMNS \
  "id, category_prefix, region_prefix, area_kind, tier, departments, priority, active, note"

v1::CatalogueRule RuleFromRow(const pqxx::row& r) {
  v1::CatalogueRule rule;
  rule.set_id(r[0].as<int64_t>());
  rule.set_category_prefix(r[1].c_str());
  rule.set_region_prefix(r[2].c_str());
  rule.set_area_kind(static_cast<v1::AreaKind>(r[3].as<int>()));
  rule.set_tier(static_cast<common::Tier>(r[4].as<int>()));
  for (std::string& d : pg::TextArrayOf(r[5])) rule.add_departments(std::move(d));
  rule.set_priority(r[6].as<int>());
  rule.set_active(r[7].as<bool>());
  rule.set_note(r[8].c_str());
  return rule;
}

std::string CanonicalPrefix(const std::string& prefix) {
  return prefix.empty() ? prefix : domain::RegionCode::Parse(prefix).value().code();
}

std::string DepartmentsArray(const v1::CatalogueRule& rule) {
  return pg::TextArrayLiteral(
      std::vector<std::string>(rule.departments().begin(), rule.departments().end()));
}

}  // namespace

constexpr char kUpsertRule[] = R"sql(
INSERT INTO routing_catalogue (category_prefix, region_prefix, area_kind, tier, departments,
  priority, active, note)
VALUES ($1, $2, $3, $4, $5::text[], $6, true, $7)
ON CONFLICT (category_prefix, region_prefix, area_kind, priority) DO UPDATE SET
  tier = excluded.tier, departments = excluded.departments, active = excluded.active,
  note = excluded.note, updated_at = now()
RETURNING )sql" ROUTING_RULE_COLUMNS;

v1::CatalogueRule PgDirectoryStore::UpsertRule(Transaction& tx, const v1::CatalogueRule& r) const {
  return RuleFromRow(pg::Work(tx).exec_params1(
      kUpsertRule, r.category_prefix(), CanonicalPrefix(r.region_prefix()),
      static_cast<int>(r.area_kind()), static_cast<int>(r.tier()), DepartmentsArray(r),
      r.priority(), r.note()));
}

constexpr char kUpdateRule[] = R"sql(
UPDATE routing_catalogue SET category_prefix = $2, region_prefix = $3, area_kind = $4, tier = $5,
  departments = $6::text[], priority = $7, active = true, note = $8, updated_at = now()
WHERE id = $1 RETURNING )sql" ROUTING_RULE_COLUMNS;

std::optional<v1::CatalogueRule> PgDirectoryStore::UpdateRule(Transaction& tx,
                                                              const v1::CatalogueRule& r) const {
  const pqxx::result rows = pg::Work(tx).exec_params(
      kUpdateRule, r.id(), r.category_prefix(), CanonicalPrefix(r.region_prefix()),
      static_cast<int>(r.area_kind()), static_cast<int>(r.tier()), DepartmentsArray(r),
      r.priority(), r.note());
  if (rows.empty()) return std::nullopt;
  return RuleFromRow(rows[0]);
}

constexpr char kDeactivateRule[] =
    "UPDATE routing_catalogue SET active = false, updated_at = now() WHERE id = $1";

bool PgDirectoryStore::DeactivateRule(Transaction& tx, int64_t rule_id) const {
  return pg::Work(tx).exec_params(kDeactivateRule, rule_id).affected_rows() > 0;
}

constexpr char kRules[] = "SELECT " ROUTING_RULE_COLUMNS
                          " FROM routing_catalogue WHERE active OR $1 "
                          "ORDER BY category_prefix, region_prefix, area_kind, priority";

std::vector<v1::CatalogueRule> PgDirectoryStore::Rules(Transaction& tx,
                                                       bool include_inactive) const {
  std::vector<v1::CatalogueRule> out;
  for (const pqxx::row& row : pg::Work(tx).exec_params(kRules, include_inactive)) {
    out.push_back(RuleFromRow(row));
  }
  return out;
}

#undef ROUTING_RULE_COLUMNS

}  // namespace hotline::routing
