#include "bench/reporting/query_phase.h"

#include <vector>

#include "libs/pg/pg_transaction.h"
#include "tests/support/core/fail.h"
#include "tests/support/core/stats.h"

namespace hotline::bench {
namespace {

constexpr char kStraightforward[] = R"sql(
SELECT left(t.region_code, 4),
  count(*) FILTER (WHERE e.type = 'ticket.created'),
  count(*) FILTER (WHERE e.type = 'routing.dispatched'),
  count(*) FILTER (WHERE e.type = 'routing.replied')
FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
WHERE t.region_code LIKE $1 || '%'
  AND e.occurred_at >= $2::timestamptz AND e.occurred_at < $3::timestamptz
GROUP BY 1 ORDER BY 1)sql";

double Value(const reporting::IndicatorReport& report, const reporting::ReportRow& row,
             const std::string& code) {
  for (size_t i = 0; i < report.definitions.size(); ++i) {
    if (report.definitions[i].code == code) return row.cells[i].current.value.value_or(0);
  }
  return 0;
}

std::string Utc(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S+00", t, absl::UTCTimeZone());
}

}  // namespace

QueryResult MeasureQueries(ReportingWorld& world, const std::string& province, absl::CivilDay from,
                           absl::CivilDay to, absl::TimeZone zone, int runs, int naive_runs) {
  QueryResult result;
  reporting::IndicatorQuery q;
  q.from = from;
  q.to = to;
  q.filter.region_prefix = province;
  q.group_by = {reporting::GroupBy::kPrefecture};
  std::vector<double> took;
  for (int i = 0; i < runs; ++i) {
    const absl::Time start = absl::Now();
    absl::StatusOr<reporting::IndicatorReport> report = world.queries.Get(q);
    took.push_back(absl::ToDoubleMilliseconds(absl::Now() - start));
    if (!report.ok()) support::Fail(report.status().ToString());
    if (i > 0) continue;
    for (const reporting::ReportRow& row : report->rows) {
      Volumes& v = result.rollups[row.key.at(0)];
      v.received = static_cast<int64_t>(Value(*report, row, "received"));
      v.dispatched = static_cast<int64_t>(Value(*report, row, "dispatched"));
      v.replied = static_cast<int64_t>(Value(*report, row, "replied"));
    }
  }
  result.p50_ms = support::Percentile(took, 0.50);
  result.p99_ms = support::Percentile(took, 0.99);

  const std::string lo = Utc(absl::FromCivil(absl::CivilSecond(from), zone));
  const std::string hi = Utc(absl::FromCivil(absl::CivilSecond(to + 1), zone));
  std::vector<double> naive;
  for (int i = 0; i < naive_runs; ++i) {
    const absl::Time start = absl::Now();
    pqxx::result rows;
    support::OkOrFail(world.transactions.Run([&](Transaction& tx) -> absl::Status {
      rows = pg::Work(tx).exec_params(kStraightforward, province, lo, hi);
      return absl::OkStatus();
    }));
    naive.push_back(absl::ToDoubleMilliseconds(absl::Now() - start));
    if (i > 0) continue;
    for (const pqxx::row& r : rows) {
      Volumes& v = result.straightforward[r[0].c_str()];
      v.received = r[1].as<int64_t>();
      v.dispatched = r[2].as<int64_t>();
      v.replied = r[3].as<int64_t>();
    }
  }
  result.naive_p50_ms = support::Percentile(naive, 0.50);
  return result;
}

}  // namespace hotline::bench
