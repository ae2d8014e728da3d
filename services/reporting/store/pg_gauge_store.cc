#include "services/reporting/store/pg_gauge_store.h"

#include <pqxx/result>
#include <pqxx/row>

#include "libs/pg/pg_transaction.h"

namespace hotline::reporting {

// Both read through reporting_tickets_open (WHERE counted_open): rows bounded by open tickets.
constexpr char kOpenByState[] = R"sql(
SELECT state, count(*) FROM reporting_tickets WHERE counted_open GROUP BY state ORDER BY state)sql";

std::vector<StateCount> PgGaugeStore::OpenByState(Transaction& tx) {
  std::vector<StateCount> counts;
  for (const pqxx::row& r : pg::Work(tx).exec(kOpenByState)) {
    counts.push_back({r[0].as<int>(), r[1].as<int64_t>()});
  }
  return counts;
}

// The tier of a unit is the length of the division code its id begins with (rules/ranking.h).
constexpr char kOverdueByTier[] = R"sql(
SELECT coalesce(length(substring(unit_id FROM '^[0-9]+(?=[^0-9])')), 0) AS digits, count(*)
FROM reporting_tickets WHERE counted_open AND handling_late GROUP BY 1 ORDER BY 1)sql";

std::vector<TierCount> PgGaugeStore::OverdueByTier(Transaction& tx) {
  std::vector<TierCount> counts;
  for (const pqxx::row& r : pg::Work(tx).exec(kOverdueByTier)) {
    counts.push_back({r[0].as<int>(), r[1].as<int64_t>()});
  }
  return counts;
}

}  // namespace hotline::reporting
