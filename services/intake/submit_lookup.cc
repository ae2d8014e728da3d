#include "services/intake/submit_lookup.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/prepared.h"
#include "services/intake/duplicates.h"

namespace hotline::intake {
namespace {

// As many identities are drawn as keys are not taken: a replayed key draws no number.
const std::string& LookupSql() {
  static const std::string sql =
      absl::StrCat(R"sql(
WITH taken AS (
  SELECT idempotency_key FROM intake_requests WHERE idempotency_key = ANY($1::text[])),
drawn AS (
  SELECT )sql",
                   ticketstore::PgTicketStore::DrawIdentityColumns("$3"), R"sql(
  FROM generate_series(1, cardinality($1::text[]) - (SELECT count(*)::int FROM taken)))
SELECT 1 AS part, idempotency_key AS key, NULL::bigint AS sequence, NULL::bigint AS id FROM taken
UNION ALL
SELECT 2, NULL, NULL, id FROM tickets WHERE id = ANY($2::bigint[]) AND )sql",
                   kRepeatableTicket, R"sql(
UNION ALL
SELECT 3, NULL, sequence, id FROM drawn)sql");
  return sql;
}

}  // namespace

BatchLookup LookUpBatch(pqxx::transaction_base& tx, const ticketstore::PgTicketStore& tickets,
                        const std::vector<std::string>& keys,
                        const std::vector<int64_t>& candidates, absl::Time now) {
  BatchLookup lookup;
  lookup.identities.at = now;
  std::vector<std::pair<int64_t, int64_t>> drawn;  // sequence, id
  for (const auto& row : pg::Prepared(tx, LookupSql(), pg::TextArrayLiteral(keys),
                                      pg::IntArrayLiteral(candidates), tickets.ServiceDay(now))) {
    switch (row["part"].as<int>()) {
      case 1:
        lookup.taken_keys.insert(row["key"].as<std::string>());
        break;
      case 2:
        lookup.repeatable.insert(row["id"].as<int64_t>());
        break;
      default:
        drawn.emplace_back(row["sequence"].as<int64_t>(), row["id"].as<int64_t>());
    }
  }
  lookup.identities.drawn = tickets.MakeIdentities(now, std::move(drawn));
  return lookup;
}

}  // namespace hotline::intake
