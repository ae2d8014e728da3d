#include "services/routing/directory_admin.h"

#include <pqxx/result>
#include <pqxx/row>
#include <pqxx/stream_to>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "libs/common/field_violations.h"
#include "libs/domain/region_code.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/transact.h"
#include "libs/ticketstore/ticket_row.h"
#include "services/routing/directory_validation.h"

namespace hotline::routing {
namespace {

namespace v1 = hotline::routing::v1;
namespace common = hotline::common::v1;

constexpr size_t kMaxViolations = 200;

absl::Status RequireAdmin(const service::Principal& caller) {
  if (caller.role == common::ROLE_ADMIN) return absl::OkStatus();
  return absl::PermissionDeniedError("the directory is edited by operators (admin role)");
}

absl::flat_hash_map<std::string, bool> StoredDepartments(pqxx::transaction_base& tx) {
  absl::flat_hash_map<std::string, bool> out;
  for (const pqxx::row& r : tx.exec("SELECT code, functional FROM routing_department_types")) {
    out.emplace(r[0].c_str(), r[1].as<bool>());
  }
  return out;
}

// Of `ids`, those that exist as units.
std::vector<std::string> StoredUnitIds(pqxx::transaction_base& tx,
                                       const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  if (ids.empty()) return out;
  for (const pqxx::row& r : tx.exec_params(
           "SELECT id FROM routing_units WHERE id = ANY($1::text[])", pg::TextArrayLiteral(ids))) {
    out.push_back(r[0].c_str());
  }
  return out;
}

// The region in canonical form and its tier; the unit was validated before.
std::pair<std::string, int> Place(const std::string& region_code) {
  const domain::RegionCode region = domain::RegionCode::Parse(region_code).value();
  return {region.code(), static_cast<int>(region.tier())};
}

std::string CanonicalPrefix(const std::string& prefix) {
  return prefix.empty() ? prefix : domain::RegionCode::Parse(prefix).value().code();
}

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

constexpr char kUnitColumns[] =
    "id, name, region_code, tier, department, parent_id, active, contact_roles";

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

constexpr char kRuleColumns[] =
    "id, category_prefix, region_prefix, area_kind, tier, departments, priority, active, note";

// Inserts or updates by the rule's scope (its natural key); returns the stored row.
v1::CatalogueRule UpsertRuleRow(pqxx::work& tx, const v1::CatalogueRule& r, bool active) {
  std::vector<std::string> departments(r.departments().begin(), r.departments().end());
  return RuleFromRow(tx.exec_params1(absl::StrCat(R"sql(
INSERT INTO routing_catalogue (category_prefix, region_prefix, area_kind, tier, departments,
  priority, active, note)
VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8)
ON CONFLICT (category_prefix, region_prefix, area_kind, priority) DO UPDATE SET
  tier = excluded.tier, departments = excluded.departments, active = excluded.active,
  note = excluded.note, updated_at = now()
RETURNING )sql",
                                                  kRuleColumns),
                                     r.category_prefix(), CanonicalPrefix(r.region_prefix()),
                                     static_cast<int>(r.area_kind()), static_cast<int>(r.tier()),
                                     pg::TextArrayLiteral(departments), r.priority(), active,
                                     r.note()));
}

void UpsertDepartmentRow(pqxx::work& tx, const v1::DepartmentType& d) {
  tx.exec_params0(R"sql(
INSERT INTO routing_department_types (code, name, functional) VALUES ($1, $2, $3)
ON CONFLICT (code) DO UPDATE SET name = excluded.name, functional = excluded.functional,
  updated_at = now()
WHERE (routing_department_types.name, routing_department_types.functional)
  IS DISTINCT FROM (excluded.name, excluded.functional))sql",
                  d.code(), d.name(), d.functional());
}

// COPY into a scratch table, then one upsert: a national directory in seconds.
int64_t ImportUnits(pqxx::work& tx, const std::vector<const v1::Unit*>& units, bool replace,
                    int64_t& deactivated) {
  tx.exec0(R"sql(
CREATE TEMP TABLE import_units (id text, name text, region_code text, tier smallint,
  department text, parent_id text, active boolean, contact_roles text[]) ON COMMIT DROP)sql");
  {
    pqxx::stream_to stream(tx, "import_units");
    for (const v1::Unit* u : units) {
      const auto [region, tier] = Place(u->region_code());
      std::vector<std::string> roles(u->contact_roles().begin(), u->contact_roles().end());
      stream << std::make_tuple(u->id(), u->name(), region, tier, u->department(), u->parent_id(),
                                u->active(), pg::TextArrayLiteral(roles));
    }
    stream.complete();
  }
  const pqxx::result upserted = tx.exec(R"sql(
INSERT INTO routing_units (id, name, region_code, tier, department, parent_id, active,
  contact_roles)
SELECT id, name, region_code, tier, department, NULLIF(parent_id, ''), active, contact_roles
FROM import_units
ON CONFLICT (id) DO UPDATE SET name = excluded.name, region_code = excluded.region_code,
  tier = excluded.tier, department = excluded.department, parent_id = excluded.parent_id,
  active = excluded.active, contact_roles = excluded.contact_roles, updated_at = now()
WHERE (routing_units.name, routing_units.region_code, routing_units.department,
       routing_units.parent_id, routing_units.active, routing_units.contact_roles)
  IS DISTINCT FROM (excluded.name, excluded.region_code, excluded.department,
                    excluded.parent_id, excluded.active, excluded.contact_roles))sql");
  if (replace) {
    deactivated = tx.exec(R"sql(
UPDATE routing_units u SET active = false, updated_at = now()
WHERE u.active AND NOT EXISTS (SELECT 1 FROM import_units i WHERE i.id = u.id))sql")
                      .affected_rows();
  }
  return static_cast<int64_t>(units.size());
}

}  // namespace

int64_t DirectoryAdmin::Reloaded() {
  if (absl::Status status = directory_.Refresh(); !status.ok()) {
    // Committed; the poller will pick it up. The caller still gets its answer.
    return directory_.Current()->version();
  }
  return directory_.Current()->version();
}

absl::StatusOr<v1::UpsertUnitResponse> DirectoryAdmin::UpsertUnit(const service::Principal& caller,
                                                                  const v1::UpsertUnitRequest& r) {
  if (auto allowed = RequireAdmin(caller); !allowed.ok()) return allowed;
  auto stored = pg::TransactFor<v1::Unit>(pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::Unit> {
    DirectoryFacts facts{StoredDepartments(tx), {}};
    for (std::string& id : StoredUnitIds(tx, {r.unit().parent_id()})) facts.unit_ids.insert(id);
    std::vector<FieldViolation> bad;
    ValidateUnit(r.unit(), facts, "unit", bad);
    if (!bad.empty()) return InvalidFields(std::move(bad));
    const auto [region, tier] = Place(r.unit().region_code());
    std::vector<std::string> roles(r.unit().contact_roles().begin(),
                                   r.unit().contact_roles().end());
    return UnitFromRow(tx.exec_params1(absl::StrCat(R"sql(
INSERT INTO routing_units (id, name, region_code, tier, department, parent_id, active, contact_roles)
VALUES ($1, $2, $3, $4, $5, NULLIF($6, ''), true, $7::text[])
ON CONFLICT (id) DO UPDATE SET name = excluded.name, region_code = excluded.region_code,
  tier = excluded.tier, department = excluded.department, parent_id = excluded.parent_id,
  active = true, contact_roles = excluded.contact_roles, updated_at = now()
RETURNING )sql",
                                                    kUnitColumns),
                                       r.unit().id(), r.unit().name(), region, tier,
                                       r.unit().department(), r.unit().parent_id(),
                                       pg::TextArrayLiteral(roles)));
  });
  if (!stored.ok()) return stored.status();
  v1::UpsertUnitResponse response;
  *response.mutable_unit() = *std::move(stored);
  response.set_directory_version(Reloaded());
  return response;
}

absl::StatusOr<v1::DeactivateUnitResponse> DirectoryAdmin::DeactivateUnit(
    const service::Principal& caller, const v1::DeactivateUnitRequest& r) {
  if (auto allowed = RequireAdmin(caller); !allowed.ok()) return allowed;
  if (r.unit_id().empty()) return InvalidFields({{"unit_id", "is required"}});
  absl::Status status = pg::Transact(pool_, [&](pqxx::work& tx) -> absl::Status {
    if (tx.exec_params("UPDATE routing_units SET active = false, updated_at = now() WHERE id = $1",
                       r.unit_id())
            .affected_rows() == 0) {
      return absl::NotFoundError("no such unit");
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  v1::DeactivateUnitResponse response;
  response.set_directory_version(Reloaded());
  return response;
}

absl::StatusOr<v1::GetUnitResponse> DirectoryAdmin::GetUnit(const service::Principal& caller,
                                                            const v1::GetUnitRequest& r) {
  if (caller.role != common::ROLE_ADMIN && caller.role != common::ROLE_SUPERVISOR &&
      caller.role != common::ROLE_UNIT) {
    return absl::PermissionDeniedError("units are looked up by operators, the office and units");
  }
  if (r.unit_id().empty()) return InvalidFields({{"unit_id", "is required"}});
  return pg::TransactFor<v1::GetUnitResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::GetUnitResponse> {
        const pqxx::result rows = tx.exec_params(
            absl::StrCat("SELECT ", kUnitColumns, " FROM routing_units WHERE id = $1"),
            r.unit_id());
        if (rows.empty()) return absl::NotFoundError("no such unit");
        v1::GetUnitResponse response;
        *response.mutable_unit() = UnitFromRow(rows[0]);
        return response;
      });
}

absl::StatusOr<v1::UpsertDepartmentTypeResponse> DirectoryAdmin::UpsertDepartmentType(
    const service::Principal& caller, const v1::UpsertDepartmentTypeRequest& r) {
  if (auto allowed = RequireAdmin(caller); !allowed.ok()) return allowed;
  std::vector<FieldViolation> bad;
  ValidateDepartment(r.department(), "department", bad);
  if (!bad.empty()) return InvalidFields(std::move(bad));
  absl::Status status = pg::Transact(pool_, [&](pqxx::work& tx) -> absl::Status {
    if (r.department().functional()) {
      // Making a department functional must not strand units or rules below county.
      const int64_t below = tx.exec_params1(R"sql(
SELECT (SELECT count(*) FROM routing_units WHERE department = $1 AND active AND tier > 3) +
       (SELECT count(*) FROM routing_catalogue WHERE $1 = ANY(departments) AND active AND tier > 3))sql",
                                            r.department().code())[0]
                                .as<int64_t>();
      if (below > 0) {
        return absl::FailedPreconditionError(absl::StrCat(
            below,
            " active units or rules use this department below county level; change them "
            "first"));
      }
    }
    UpsertDepartmentRow(tx, r.department());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  v1::UpsertDepartmentTypeResponse response;
  *response.mutable_department() = r.department();
  response.set_directory_version(Reloaded());
  return response;
}

absl::StatusOr<v1::ListDepartmentTypesResponse> DirectoryAdmin::ListDepartmentTypes(
    const service::Principal& caller) {
  if (caller.role != common::ROLE_ADMIN && caller.role != common::ROLE_SUPERVISOR) {
    return absl::PermissionDeniedError("for operators and the hotline office");
  }
  return pg::TransactFor<v1::ListDepartmentTypesResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::ListDepartmentTypesResponse> {
        v1::ListDepartmentTypesResponse response;
        for (const pqxx::row& r :
             tx.exec("SELECT code, name, functional FROM routing_department_types ORDER BY code")) {
          v1::DepartmentType* d = response.add_departments();
          d->set_code(r[0].c_str());
          d->set_name(r[1].c_str());
          d->set_functional(r[2].as<bool>());
        }
        return response;
      });
}

absl::StatusOr<v1::UpsertCatalogueRuleResponse> DirectoryAdmin::UpsertRule(
    const service::Principal& caller, const v1::UpsertCatalogueRuleRequest& r) {
  if (auto allowed = RequireAdmin(caller); !allowed.ok()) return allowed;
  auto stored = pg::TransactFor<v1::CatalogueRule>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::CatalogueRule> {
        DirectoryFacts facts{StoredDepartments(tx), {}};
        std::vector<FieldViolation> bad;
        ValidateRule(r.rule(), facts, "rule", bad);
        if (!bad.empty()) return InvalidFields(std::move(bad));
        if (r.rule().id() == 0) return UpsertRuleRow(tx, r.rule(), true);
        std::vector<std::string> departments(r.rule().departments().begin(),
                                             r.rule().departments().end());
        const pqxx::result rows = tx.exec_params(
            absl::StrCat(R"sql(
UPDATE routing_catalogue SET category_prefix = $2, region_prefix = $3, area_kind = $4, tier = $5,
  departments = $6::text[], priority = $7, active = true, note = $8, updated_at = now()
WHERE id = $1 RETURNING )sql",
                         kRuleColumns),
            r.rule().id(), r.rule().category_prefix(), CanonicalPrefix(r.rule().region_prefix()),
            static_cast<int>(r.rule().area_kind()), static_cast<int>(r.rule().tier()),
            pg::TextArrayLiteral(departments), r.rule().priority(), r.rule().note());
        if (rows.empty()) return absl::NotFoundError("no catalogue rule with this id");
        return RuleFromRow(rows[0]);
      });
  if (!stored.ok()) return stored.status();
  v1::UpsertCatalogueRuleResponse response;
  *response.mutable_rule() = *std::move(stored);
  response.set_directory_version(Reloaded());
  return response;
}

absl::StatusOr<v1::DeactivateCatalogueRuleResponse> DirectoryAdmin::DeactivateRule(
    const service::Principal& caller, const v1::DeactivateCatalogueRuleRequest& r) {
  if (auto allowed = RequireAdmin(caller); !allowed.ok()) return allowed;
  if (r.rule_id() <= 0) return InvalidFields({{"rule_id", "is required"}});
  absl::Status status = pg::Transact(pool_, [&](pqxx::work& tx) -> absl::Status {
    if (tx.exec_params(
              "UPDATE routing_catalogue SET active = false, updated_at = now() WHERE id = $1",
              r.rule_id())
            .affected_rows() == 0) {
      return absl::NotFoundError("no catalogue rule with this id");
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  v1::DeactivateCatalogueRuleResponse response;
  response.set_directory_version(Reloaded());
  return response;
}

absl::StatusOr<v1::ListCatalogueRulesResponse> DirectoryAdmin::ListRules(
    const service::Principal& caller, const v1::ListCatalogueRulesRequest& r) {
  if (caller.role != common::ROLE_ADMIN && caller.role != common::ROLE_SUPERVISOR) {
    return absl::PermissionDeniedError("for operators and the hotline office");
  }
  return pg::TransactFor<v1::ListCatalogueRulesResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::ListCatalogueRulesResponse> {
        v1::ListCatalogueRulesResponse response;
        for (const pqxx::row& row : tx.exec_params(
                 absl::StrCat("SELECT ", kRuleColumns,
                              " FROM routing_catalogue WHERE active OR $1 "
                              "ORDER BY category_prefix, region_prefix, area_kind, priority"),
                 r.include_inactive())) {
          *response.add_rules() = RuleFromRow(row);
        }
        return response;
      });
}

absl::StatusOr<v1::ImportDirectoryResponse> DirectoryAdmin::Import(
    const service::Principal& caller, const std::vector<v1::ImportDirectoryChunk>& chunks) {
  if (auto allowed = RequireAdmin(caller); !allowed.ok()) return allowed;
  const bool replace = !chunks.empty() && chunks.front().replace();
  std::vector<const v1::DepartmentType*> departments;
  std::vector<const v1::Unit*> units;
  std::vector<const v1::CatalogueRule*> rules;
  for (const v1::ImportDirectoryChunk& chunk : chunks) {
    for (const auto& d : chunk.departments()) departments.push_back(&d);
    for (const auto& u : chunk.units()) units.push_back(&u);
    for (const auto& r : chunk.rules()) rules.push_back(&r);
  }
  if (departments.empty() && units.empty() && rules.empty()) {
    return InvalidFields({{"chunks", "the import carries no rows"}});
  }
  auto imported = pg::TransactFor<v1::ImportDirectoryResponse>(
      pool_, [&](pqxx::work& tx) -> absl::StatusOr<v1::ImportDirectoryResponse> {
        tx.exec0("SET LOCAL statement_timeout = '30min'");
        std::vector<FieldViolation> bad;
        auto report = [&](std::vector<FieldViolation>& found) {
          for (FieldViolation& v : found) {
            if (bad.size() < kMaxViolations) bad.push_back(std::move(v));
          }
          found.clear();
        };
        std::vector<FieldViolation> found;
        DirectoryFacts facts{StoredDepartments(tx), {}};
        for (size_t i = 0; i < departments.size(); ++i) {
          ValidateDepartment(*departments[i], absl::StrCat("departments[", i, "]"), found);
          facts.departments[departments[i]->code()] = departments[i]->functional();
        }
        report(found);
        std::vector<std::string> outside_parents;
        for (size_t i = 0; i < units.size(); ++i) {
          if (!facts.unit_ids.insert(units[i]->id()).second) {
            found.push_back({absl::StrCat("units[", i, "].id"), "appears twice in the import"});
          }
        }
        for (const v1::Unit* u : units) {
          if (!u->parent_id().empty() && !facts.unit_ids.contains(u->parent_id())) {
            outside_parents.push_back(u->parent_id());
          }
        }
        for (std::string& id : StoredUnitIds(tx, outside_parents)) facts.unit_ids.insert(id);
        for (size_t i = 0; i < units.size() && bad.size() + found.size() < kMaxViolations; ++i) {
          ValidateUnit(*units[i], facts, absl::StrCat("units[", i, "]"), found);
        }
        report(found);
        for (size_t i = 0; i < rules.size(); ++i) {
          ValidateRule(*rules[i], facts, absl::StrCat("rules[", i, "]"), found);
        }
        report(found);
        if (!bad.empty()) return InvalidFields(std::move(bad));

        v1::ImportDirectoryResponse response;
        for (const v1::DepartmentType* d : departments) UpsertDepartmentRow(tx, *d);
        response.set_departments(static_cast<int64_t>(departments.size()));
        if (!units.empty()) {
          int64_t deactivated = 0;
          response.set_units(ImportUnits(tx, units, replace, deactivated));
          response.set_deactivated_units(deactivated);
        }
        std::vector<int64_t> rule_ids;
        for (const v1::CatalogueRule* r : rules) {
          rule_ids.push_back(UpsertRuleRow(tx, *r, true).id());
        }
        response.set_rules(static_cast<int64_t>(rules.size()));
        if (replace && !rules.empty()) {
          response.set_deactivated_rules(
              tx.exec_params("UPDATE routing_catalogue SET active = false, updated_at = now() "
                             "WHERE active AND NOT (id = ANY($1::bigint[]))",
                             pg::IntArrayLiteral(rule_ids))
                  .affected_rows());
        }
        return response;
      });
  if (!imported.ok()) return imported.status();
  imported->set_directory_version(Reloaded());
  return imported;
}

absl::StatusOr<v1::GetDirectoryStatusResponse> DirectoryAdmin::Status(
    const service::Principal& caller) {
  if (caller.role != common::ROLE_ADMIN && caller.role != common::ROLE_SUPERVISOR) {
    return absl::PermissionDeniedError("for operators and the hotline office");
  }
  const std::shared_ptr<const DirectorySnapshot> current = directory_.Current();
  v1::GetDirectoryStatusResponse response;
  response.set_directory_version(current->version());
  response.set_units(static_cast<int64_t>(current->unit_count()));
  response.set_rules(static_cast<int64_t>(current->rules().size()));
  *response.mutable_loaded_at() = ticketstore::ToTimestamp(current->loaded_at());
  response.set_load_seconds(absl::ToDoubleSeconds(current->load_time()));
  response.set_memory_bytes(static_cast<int64_t>(current->MemoryBytes()));
  return response;
}

}  // namespace hotline::routing
