#include <pqxx/result>
#include <pqxx/row>

#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"
#include "libs/pg/prepared.h"
#include "services/routing/store/active_unit_store.h"

namespace hotline::routing {

constexpr char kActiveUnits[] =
    "SELECT id, region_code FROM routing_units WHERE id = ANY($1::text[]) AND active";

std::vector<ActiveUnit> PgActiveUnitStore::Find(Transaction& tx,
                                                const std::vector<std::string>& unit_ids) const {
  std::vector<ActiveUnit> units;
  for (const pqxx::row& r :
       pg::Prepared(pg::Work(tx), kActiveUnits, pg::TextArrayLiteral(unit_ids))) {
    units.push_back({r[0].c_str(), r[1].c_str()});
  }
  return units;
}

}  // namespace hotline::routing
