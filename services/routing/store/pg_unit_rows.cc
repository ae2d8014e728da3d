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

// The columns UnitFromRow reads, joined into each statement's text by the compiler.
#define ROUTING_UNIT_COLUMNS \
  "id, name, region_code, tier, department, parent_id, active, contact_roles"

v1::Unit UnitFromRow(const pqxx::row& r) {
  v1::Unit u;
  u.set_id(r[0].c_str());
  u.set_name(r[1].c_str());
  u.set_region_code(r[2].c_str());
  u.set_tier(static_cast<common::Tier>(r[3].as<int>()));
  u.set_department(r[4].c_str());
  if (!r[5].is_null()) u.set_parent_id(r[5].c_str());
  u.set_active(r[6].as<bool>());
  for (std::string& role : pg::TextArrayOf(r[7])) u.add_contact_roles(std::move(role));
  return u;
}

}  // namespace

std::pair<std::string, int> CanonicalPlace(const std::string& region_code) {
  const domain::RegionCode region = domain::RegionCode::Parse(region_code).value();
  return {region.code(), static_cast<int>(region.tier())};
}

constexpr char kExistingUnitIds[] = "SELECT id FROM routing_units WHERE id = ANY($1::text[])";

std::vector<std::string> PgDirectoryStore::ExistingUnitIds(
    Transaction& tx, const std::vector<std::string>& ids) const {
  std::vector<std::string> out;
  if (ids.empty()) return out;
  for (const pqxx::row& r : pg::Work(tx).exec_params(kExistingUnitIds, pg::TextArrayLiteral(ids))) {
    out.push_back(r[0].c_str());
  }
  return out;
}

constexpr char kUpsertUnit[] = R"sql(
INSERT INTO routing_units (id, name, region_code, tier, department, parent_id, active, contact_roles)
VALUES ($1, $2, $3, $4, $5, NULLIF($6, ''), true, $7::text[])
ON CONFLICT (id) DO UPDATE SET name = excluded.name, region_code = excluded.region_code,
  tier = excluded.tier, department = excluded.department, parent_id = excluded.parent_id,
  active = true, contact_roles = excluded.contact_roles, updated_at = now()
RETURNING )sql" ROUTING_UNIT_COLUMNS;

v1::Unit PgDirectoryStore::UpsertUnit(Transaction& tx, const v1::Unit& unit) const {
  const auto [region, tier] = CanonicalPlace(unit.region_code());
  std::vector<std::string> roles(unit.contact_roles().begin(), unit.contact_roles().end());
  return UnitFromRow(pg::Work(tx).exec_params1(kUpsertUnit, unit.id(), unit.name(), region, tier,
                                               unit.department(), unit.parent_id(),
                                               pg::TextArrayLiteral(roles)));
}

constexpr char kDeactivateUnit[] =
    "UPDATE routing_units SET active = false, updated_at = now() WHERE id = $1";

bool PgDirectoryStore::DeactivateUnit(Transaction& tx, const std::string& unit_id) const {
  return pg::Work(tx).exec_params(kDeactivateUnit, unit_id).affected_rows() > 0;
}

constexpr char kGetUnit[] = "SELECT " ROUTING_UNIT_COLUMNS " FROM routing_units WHERE id = $1";

std::optional<v1::Unit> PgDirectoryStore::GetUnit(Transaction& tx,
                                                  const std::string& unit_id) const {
  const pqxx::result rows = pg::Work(tx).exec_params(kGetUnit, unit_id);
  if (rows.empty()) return std::nullopt;
  return UnitFromRow(rows[0]);
}

#undef ROUTING_UNIT_COLUMNS

}  // namespace hotline::routing
