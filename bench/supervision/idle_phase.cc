#include "bench/supervision/idle_phase.h"

#include <cstdio>
#include <pqxx/transaction>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "tests/support/core/fail.h"
#include "tests/support/core/stats.h"

namespace hotline::bench {
using support::Fail;
using support::Ms;
using support::Percentile;

namespace {

// The claim statement of PgClockStore::ClaimDue (services/supervision/store/pg_clock_store.cc),
// with a literal instant, for EXPLAIN; the select list is abridged to the id (the plan is the
// same).
void ExplainClaim(Sql& sql, int batch) {
  pqxx::work tx(sql.conn());
  const pqxx::result plan = tx.exec(absl::StrCat(R"sql(
EXPLAIN (ANALYZE, BUFFERS) SELECT id FROM supervision_clocks
WHERE state = 1 AND next_fire_at IS NOT NULL
  AND next_fire_at <= 'epoch'::timestamptz + )sql",
                                                 absl::ToUnixMicros(absl::Now()),
                                                 R"sql( * interval '1 microsecond'
ORDER BY next_fire_at LIMIT )sql",
                                                 batch, " FOR UPDATE SKIP LOCKED"));
  tx.abort();
  std::printf("EXPLAIN (ANALYZE, BUFFERS) of the claim with nothing due:\n");
  for (const auto& row : plan) std::printf("    %s\n", row[0].c_str());
}

}  // namespace

absl::StatusOr<PassTimes> IdlePasses(supervision::Sweeper& sweeper, int passes) {
  std::vector<double> ms;
  double sum = 0;
  for (int i = 0; i < passes; ++i) {
    const absl::Time t = absl::Now();
    absl::StatusOr<int> fired = sweeper.SweepOnce();
    const double took = Ms(absl::Now() - t);
    if (!fired.ok()) return fired.status();
    if (*fired != 0) {
      return absl::FailedPreconditionError(absl::StrCat("an idle pass fired ", *fired, " rungs"));
    }
    ms.push_back(took);
    sum += took;
  }
  PassTimes p;
  if (passes == 0) return p;
  p.mean = sum / passes;
  p.p50 = Percentile(ms, 0.50);
  p.p99 = Percentile(ms, 0.99);
  p.max = ms.back();
  return p;
}

IdleResult RunIdle(InProcess& p, Sql& sql, int batch, int passes) {
  IdleResult result;
  result.ran = true;
  const int64_t due =
      sql.Int("SELECT count(*) FROM supervision_clocks WHERE state = 1 AND next_fire_at <= now()");
  if (due != 0) Fail(absl::StrCat(due, " clocks are due before the idle phase"));
  supervision::Sweeper sweeper(*p.ctx, {absl::Milliseconds(200), batch}, nullptr);
  // Warm: connections opened, settings loaded, plan cached.
  absl::StatusOr<PassTimes> times = IdlePasses(sweeper, 20);
  if (times.ok()) times = IdlePasses(sweeper, passes);
  if (!times.ok()) {
    result.error = times.status().ToString();
    std::printf("Sweeper::SweepOnce() FAILED with nothing due: %s\n", result.error.c_str());
  } else {
    result.times = *times;
    std::printf(
        "idle SweepOnce()  %d passes, nothing due among %lld running clocks: p50 %.3f ms, p99 "
        "%.3f ms, max %.3f ms, mean %.3f ms\n"
        "                  (one pass = settings from the cache, BEGIN, claim, COMMIT on a pooled "
        "connection over the suite's socket)\n",
        passes,
        static_cast<long long>(sql.Int("SELECT count(*) FROM supervision_clocks WHERE state = 1")),
        result.times.p50, result.times.p99, result.times.max, result.times.mean);
  }
  ExplainClaim(sql, batch);
  return result;
}

}  // namespace hotline::bench
