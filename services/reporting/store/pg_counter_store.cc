#include <map>
#include <pqxx/result>
#include <pqxx/row>
#include <tuple>

#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"
#include "services/reporting/store/pg_stores.h"

namespace hotline::reporting {
namespace {

// A delta's row key; deltas with the same key are added up before the upsert (one statement
// may not touch a row twice), and rows go in key order so that concurrent consumers lock shared
// cells in the same order.
using RowKey = std::tuple<std::string, std::string, std::string, std::string, int, int, int, bool,
                          int, std::string>;

RowKey KeyOf(const Delta& d) {
  return {absl::FormatCivilTime(d.day),
          d.dims.region_code,
          d.dims.unit_id,
          d.dims.category,
          d.dims.kind,
          d.dims.channel,
          d.dims.line,
          d.dims.involves_minor,
          static_cast<int>(d.counter),
          d.detail};
}

}  // namespace

constexpr char kAddCounts[] = R"sql(
INSERT INTO reporting_counts AS c (day, region_code, unit_id, category, kind, channel, line,
  involves_minor, counter, detail, amount)
SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::smallint[],
  $6::smallint[], $7::smallint[], $8::boolean[], $9::smallint[], $10::text[], $11::bigint[])
ON CONFLICT (day, region_code, unit_id, category, kind, channel, line, involves_minor, counter,
  detail) DO UPDATE SET amount = c.amount + EXCLUDED.amount)sql";

void PgCounterStore::Add(Transaction& tx, const std::vector<Delta>& deltas) {
  if (deltas.empty()) return;
  std::map<RowKey, int64_t> merged;
  for (const Delta& d : deltas) merged[KeyOf(d)] += d.amount;
  std::vector<std::string> days, regions, units, categories, details;
  std::vector<int64_t> kinds, channels, lines, counters, amounts;
  std::vector<bool> minors;
  for (const auto& [k, amount] : merged) {
    days.push_back(std::get<0>(k));
    regions.push_back(std::get<1>(k));
    units.push_back(std::get<2>(k));
    categories.push_back(std::get<3>(k));
    kinds.push_back(std::get<4>(k));
    channels.push_back(std::get<5>(k));
    lines.push_back(std::get<6>(k));
    minors.push_back(std::get<7>(k));
    counters.push_back(std::get<8>(k));
    details.push_back(std::get<9>(k));
    amounts.push_back(amount);
  }
  pg::Work(tx).exec_params0(
      kAddCounts, pg::TextArrayLiteral(days), pg::TextArrayLiteral(regions),
      pg::TextArrayLiteral(units), pg::TextArrayLiteral(categories), pg::IntArrayLiteral(kinds),
      pg::IntArrayLiteral(channels), pg::IntArrayLiteral(lines), pg::BoolArrayLiteral(minors),
      pg::IntArrayLiteral(counters), pg::TextArrayLiteral(details), pg::IntArrayLiteral(amounts));
}

// Grouping by parameters: a dimension not grouped collapses to '' so that one statement serves
// every grouping. The region prefix is digits only (checked by the caller), safe in LIKE.
constexpr char kSumCounts[] = R"sql(
SELECT CASE WHEN $10::int > 0 THEN left(region_code, $10::int) ELSE '' END,
  CASE WHEN $11::boolean THEN unit_id ELSE '' END,
  CASE WHEN $12::boolean THEN category ELSE '' END,
  CASE WHEN $13::boolean THEN kind::text ELSE '' END,
  CASE WHEN $14::boolean THEN channel::text ELSE '' END,
  CASE WHEN $15::boolean THEN line::text ELSE '' END,
  CASE WHEN $16::boolean THEN involves_minor::text ELSE '' END,
  counter, detail, sum(amount)::bigint
FROM reporting_counts
WHERE day BETWEEN $1::date AND $2::date
  AND region_code LIKE $3::text || '%'
  AND ($4::text = '' OR unit_id = $4::text)
  AND ($5::text = '' OR category = $5::text
       OR left(category, length($5::text) + 1) = $5::text || '/')
  AND ($6::int = 0 OR kind = $6::int)
  AND ($7::int = 0 OR channel = $7::int)
  AND ($8::int = 0 OR line = $8::int)
  AND (NOT $9::boolean OR involves_minor)
  AND (cardinality($17::smallint[]) = 0 OR counter = ANY ($17::smallint[]))
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9)sql";

std::vector<CounterSum> PgCounterStore::Sum(Transaction& tx, absl::CivilDay from, absl::CivilDay to,
                                            const CellFilter& f, const CellGrouping& g,
                                            const std::vector<Counter>& only) {
  std::vector<int64_t> counters;
  for (Counter c : only) counters.push_back(static_cast<int>(c));
  const pqxx::result rows = pg::Work(tx).exec_params(
      kSumCounts, absl::FormatCivilTime(from), absl::FormatCivilTime(to), f.region_prefix,
      f.unit_id, f.category, f.kind, f.channel, f.line, f.minors_only, g.region_digits, g.unit,
      g.category, g.kind, g.channel, g.line, g.minor, pg::IntArrayLiteral(counters));
  std::vector<CounterSum> sums;
  sums.reserve(rows.size());
  for (const pqxx::row& r : rows) {
    const std::optional<Counter> counter = CounterFromNumber(r[7].as<int>());
    if (!counter) continue;  // a counter this binary does not know: written by a newer one
    CounterSum s;
    for (int i = 0; i < kKeyPlaces; ++i) s.key[i] = r[i].c_str();
    s.counter = *counter;
    s.detail = r[8].c_str();
    s.amount = r[9].as<int64_t>();
    sums.push_back(std::move(s));
  }
  return sums;
}

}  // namespace hotline::reporting
