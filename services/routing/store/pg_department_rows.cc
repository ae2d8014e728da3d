#include <pqxx/result>
#include <pqxx/row>

#include "libs/pg/pg_transaction.h"
#include "services/routing/store/pg_directory_store.h"

namespace hotline::routing {

namespace v1 = hotline::routing::v1;

constexpr char kDepartmentKinds[] = "SELECT code, functional FROM routing_department_types";

absl::flat_hash_map<std::string, bool> PgDirectoryStore::DepartmentKinds(Transaction& tx) const {
  absl::flat_hash_map<std::string, bool> out;
  for (const pqxx::row& r : pg::Work(tx).exec(kDepartmentKinds)) {
    out.emplace(r[0].c_str(), r[1].as<bool>());
  }
  return out;
}

constexpr char kDepartments[] =
    "SELECT code, name, functional FROM routing_department_types ORDER BY code";

std::vector<v1::DepartmentType> PgDirectoryStore::Departments(Transaction& tx) const {
  std::vector<v1::DepartmentType> out;
  for (const pqxx::row& r : pg::Work(tx).exec(kDepartments)) {
    v1::DepartmentType& d = out.emplace_back();
    d.set_code(r[0].c_str());
    d.set_name(r[1].c_str());
    d.set_functional(r[2].as<bool>());
  }
  return out;
}

constexpr char kUpsertDepartment[] = R"sql(
INSERT INTO routing_department_types (code, name, functional) VALUES ($1, $2, $3)
ON CONFLICT (code) DO UPDATE SET name = excluded.name, functional = excluded.functional,
  updated_at = now()
WHERE (routing_department_types.name, routing_department_types.functional)
  IS DISTINCT FROM (excluded.name, excluded.functional))sql";

void PgDirectoryStore::UpsertDepartment(Transaction& tx, const v1::DepartmentType& d) const {
  pg::Work(tx).exec_params0(kUpsertDepartment, d.code(), d.name(), d.functional());
}

constexpr char kUsesBelowCounty[] = R"sql(
SELECT (SELECT count(*) FROM routing_units WHERE department = $1 AND active AND tier > 3) +
       (SELECT count(*) FROM routing_catalogue WHERE $1 = ANY(departments) AND active AND tier > 3))sql";

int64_t PgDirectoryStore::UsesBelowCounty(Transaction& tx, const std::string& department) const {
  return pg::Work(tx).exec_params1(kUsesBelowCounty, department)[0].as<int64_t>();
}

}  // namespace hotline::routing
