#include "services/reporting/store/pg_drift_store.h"

#include <pqxx/result>
#include <pqxx/row>

#include "libs/pg/pg_transaction.h"

namespace hotline::reporting {

// The sample is the cells of the day in the order of a seeded hash: reads the day's rows only.
constexpr char kSampleCells[] = R"sql(
WITH cells AS (
  SELECT DISTINCT region_code, unit_id, category, kind, channel, line, involves_minor
  FROM reporting_counts WHERE day = $1::date
  ORDER BY 1, 2, 3, 4, 5, 6, 7),
sample AS (
  SELECT * FROM cells
  ORDER BY md5(concat_ws('|', region_code, unit_id, category, kind, channel, line,
                         involves_minor, $3::bigint))
  LIMIT $2)
SELECT s.region_code, s.unit_id, s.category, s.kind, s.channel, s.line, s.involves_minor,
  c.counter, c.detail, c.amount
FROM sample s JOIN reporting_counts c
  ON c.day = $1::date AND c.region_code = s.region_code AND c.unit_id = s.unit_id
  AND c.category = s.category AND c.kind = s.kind AND c.channel = s.channel
  AND c.line = s.line AND c.involves_minor = s.involves_minor
ORDER BY 1, 2, 3, 4, 5, 6, 7)sql";

std::vector<SampledCell> PgDriftStore::SampleCells(Transaction& tx, absl::CivilDay day, int limit,
                                                   int64_t seed) {
  std::vector<SampledCell> cells;
  for (const pqxx::row& r :
       pg::Work(tx).exec_params(kSampleCells, absl::FormatCivilTime(day), limit, seed)) {
    Dimensions dims{r[0].c_str(),   r[1].c_str(),   r[2].c_str(),   r[3].as<int>(),
                    r[4].as<int>(), r[5].as<int>(), r[6].as<bool>()};
    if (cells.empty() || !(cells.back().dims == dims)) cells.push_back({std::move(dims), {}});
    cells.back().live[{static_cast<Counter>(r[7].as<int>()), r[8].c_str()}] += r[9].as<int64_t>();
  }
  return cells;
}

constexpr char kTicketsWithEvents[] = R"sql(
SELECT DISTINCT e.ticket_id
FROM ticket_events e JOIN reporting_tickets t ON t.ticket_id = e.ticket_id
WHERE e.occurred_at >= 'epoch'::timestamptz + $1 * interval '1 microsecond'
  AND e.occurred_at < 'epoch'::timestamptz + $2 * interval '1 microsecond'
  AND t.region_code = $3 AND t.category = $4 AND t.kind = $5 AND t.channel = $6
  AND t.line = $7 AND t.involves_minor = $8
ORDER BY 1)sql";

std::vector<int64_t> PgDriftStore::TicketsWithEvents(Transaction& tx, const Dimensions& dims,
                                                     absl::Time from, absl::Time to) {
  std::vector<int64_t> ids;
  for (const pqxx::row& r : pg::Work(tx).exec_params(
           kTicketsWithEvents, absl::ToUnixMicros(from), absl::ToUnixMicros(to), dims.region_code,
           dims.category, dims.kind, dims.channel, dims.line, dims.involves_minor)) {
    ids.push_back(r[0].as<int64_t>());
  }
  return ids;
}

}  // namespace hotline::reporting
