#include <pqxx/result>
#include <pqxx/stream_to>
#include <tuple>

#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"
#include "services/routing/store/pg_directory_store.h"

namespace hotline::routing {

namespace v1 = hotline::routing::v1;

constexpr char kAllowLongImport[] = "SET LOCAL statement_timeout = '30min'";

void PgDirectoryStore::AllowLongImport(Transaction& tx) const {
  pg::Work(tx).exec0(kAllowLongImport);
}

constexpr char kCreateImportTable[] = R"sql(
CREATE TEMP TABLE import_units (id text, name text, region_code text, tier smallint,
  department text, parent_id text, active boolean, contact_roles text[]) ON COMMIT DROP)sql";

constexpr char kImportTable[] = "import_units";

constexpr char kUpsertImportedUnits[] = R"sql(
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
                    excluded.parent_id, excluded.active, excluded.contact_roles))sql";

constexpr char kDeactivateUnitsNotImported[] = R"sql(
UPDATE routing_units u SET active = false, updated_at = now()
WHERE u.active AND NOT EXISTS (SELECT 1 FROM import_units i WHERE i.id = u.id))sql";

// COPY into a scratch table, then one upsert: a national directory in seconds.
ImportedUnits PgDirectoryStore::ImportUnits(Transaction& tx,
                                            const std::vector<const v1::Unit*>& units,
                                            bool replace) const {
  pqxx::work& work = pg::Work(tx);
  work.exec0(kCreateImportTable);
  {
    pqxx::stream_to stream(work, kImportTable);
    for (const v1::Unit* u : units) {
      const auto [region, tier] = CanonicalPlace(u->region_code());
      std::vector<std::string> roles(u->contact_roles().begin(), u->contact_roles().end());
      stream << std::make_tuple(u->id(), u->name(), region, tier, u->department(), u->parent_id(),
                                u->active(), pg::TextArrayLiteral(roles));
    }
    stream.complete();
  }
  work.exec(kUpsertImportedUnits);
  ImportedUnits imported;
  imported.written = static_cast<int64_t>(units.size());
  if (replace) imported.deactivated = work.exec(kDeactivateUnitsNotImported).affected_rows();
  return imported;
}

constexpr char kDeactivateRulesExcept[] =
    "UPDATE routing_catalogue SET active = false, updated_at = now() "
    "WHERE active AND NOT (id = ANY($1::bigint[]))";

int64_t PgDirectoryStore::DeactivateRulesExcept(Transaction& tx,
                                                const std::vector<int64_t>& kept) const {
  return pg::Work(tx)
      .exec_params(kDeactivateRulesExcept, pg::IntArrayLiteral(kept))
      .affected_rows();
}

}  // namespace hotline::routing
