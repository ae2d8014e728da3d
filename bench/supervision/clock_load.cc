#include "bench/supervision/clock_load.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/support/core/fail.h"

namespace hotline::bench {
using support::Fail;

namespace {

const char kRegions[] =
    "'530102','530103','530111','530112','530113','530114','530115','530124','530125','530126',"
    "'530127','530128','530129','530181','530302','530303','530402','530502','530602','530702',"
    "'530802','530902','532301','532501','532601','532801','532901','533102','533301','533401'";
const char kCategories[] =
    "'urban-management/sanitation','urban-management/illegal-construction',"
    "'public-utilities/water','environment/noise','transport/taxi','housing/affordable-housing',"
    "'education/fees','general/policy-consultation','minor-protection/left-behind-care'";

}  // namespace

void LoadClocks(Sql& sql, int64_t clocks, int per_ticket) {
  const int64_t tickets = clocks / per_ticket;
  const int64_t policy = sql.Int(
      "SELECT id FROM supervision_policies WHERE kind = 0 AND urgency = 0 AND category_prefix = '' "
      "ORDER BY priority, id LIMIT 1");
  if (policy == 0) Fail("the seed's catch-all policy is missing");
  sql.Exec("SET synchronous_commit = off");
  sql.Exec("SET maintenance_work_mem = '256MB'");

  absl::Time t = absl::Now();
  const absl::Time start = t;
  sql.Exec(absl::StrCat(R"sql(
INSERT INTO tickets (number, instance_id, channel, source_line, kind, urgency, category,
  region_code, state, created_at, updated_at)
SELECT '53-' || to_char(now() - interval '3 days', 'YYYYMMDD') || '-' || lpad(g::text, 7, '0'),
  '53', 1 + g % 6, 1 + g % 3, 1 + g % 5, 1, (ARRAY[)sql",
                        kCategories, R"sql(])[1 + g % 9],
  (ARRAY[)sql",
                        kRegions, R"sql(])[1 + g % 30], 'IN_PROGRESS',
  now() - interval '3 days', now() - interval '3 days'
FROM generate_series(1, )sql",
                        tickets, ") g"));
  const absl::Duration tickets_took = absl::Now() - t;

  // The secondary indexes are dropped and rebuilt from their own definitions: one sort each
  // instead of a million random inserts.
  const pqxx::result defs = sql.Exec(
      "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'supervision_clocks' "
      "AND indexname <> 'supervision_clocks_pkey'");
  for (const auto& d : defs) sql.Exec(absl::StrCat("DROP INDEX ", d[0].c_str()));
  t = absl::Now();
  sql.Exec(absl::StrCat(R"sql(
INSERT INTO supervision_clocks (ticket_id, ticket_number, kind, assignment_id, unit_id,
  superior_unit_id, region_code, policy_id, calendar, limit_unit, limit_amount, warning_point,
  state, started_at, due_at, warn_at, last_step, next_fire_at)
SELECT t.id, t.number, x.kind, x.assignment, t.region_code || '-' || x.dept,
  left(t.region_code, 4) || '00-' || x.dept, t.region_code, )sql",
                        policy, R"sql(, 'standard',
  CASE WHEN x.kind = 2 THEN 2 ELSE 1 END, CASE WHEN x.kind = 2 THEN 15 ELSE 4 END, 0.8, 1,
  y.due - CASE WHEN x.kind = 2 THEN interval '21 days' ELSE interval '5 hours' END,
  y.due, x.fire, 0, x.fire
FROM tickets t CROSS JOIN generate_series(0, )sql",
                        per_ticket - 1, R"sql() j,
LATERAL (SELECT CASE WHEN j = 0 THEN 2 ELSE 1 END AS kind,
                CASE WHEN j = 0 THEN 0 ELSE t.id * 10 + j END AS assignment,
                (ARRAY['civil-affairs','public-security','education','health','housing'])[1 + j % 5]
                  AS dept,
                now() + interval '1 hour'
                  + ((t.id * )sql",
                        per_ticket,
                        R"sql( + j) * 7919 % 1000003) / 1000003.0 * interval '30 days' AS fire) x,
LATERAL (SELECT x.fire + CASE WHEN x.kind = 2 THEN interval '3 days' ELSE interval '1 hour' END
                AS due) y)sql"));
  const absl::Duration clocks_took = absl::Now() - t;
  t = absl::Now();
  for (const auto& d : defs) sql.Exec(d[1].c_str());
  const absl::Duration index_took = absl::Now() - t;
  t = absl::Now();
  sql.Exec("VACUUM ANALYZE tickets");
  sql.Exec("VACUUM ANALYZE supervision_clocks");
  const absl::Duration vacuum_took = absl::Now() - t;
  sql.Exec("SET synchronous_commit = on");
  const int64_t loaded = sql.Int("SELECT count(*) FROM supervision_clocks WHERE state = 1");
  std::printf(
      "loaded            %lld tickets (IN_PROGRESS, 30 Yunnan counties) and %lld running clocks "
      "(1 handling + %d sign-for\n"
      "                  per ticket, calendar 'standard', policy %lld, next rung spread over now+1 "
      "h "
      ".. now+30 d)\n"
      "load time         %.1f s: tickets %.1f s, clocks %.1f s, rebuilding %zu indexes %.1f s, "
      "VACUUM ANALYZE %.1f s\n",
      static_cast<long long>(tickets), static_cast<long long>(loaded), per_ticket - 1,
      static_cast<long long>(policy), absl::ToDoubleSeconds(absl::Now() - start),
      absl::ToDoubleSeconds(tickets_took), absl::ToDoubleSeconds(clocks_took), defs.size(),
      absl::ToDoubleSeconds(index_took), absl::ToDoubleSeconds(vacuum_took));
}

}  // namespace hotline::bench
