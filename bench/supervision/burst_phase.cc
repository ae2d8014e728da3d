#include "bench/supervision/burst_phase.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "bench/supervision/clock_load.h"
#include "bench/supervision/idle_phase.h"
#include "services/supervision/app/sweeper.h"
#include "tests/support/core/fail.h"
#include "tests/support/core/stats.h"

namespace hotline::bench {
using support::Fail;
using support::Ms;

namespace {

// Makes up to `n` handling clocks of the burst's residue class due a second ago and lists them
// in bench_burst; returns how many.
int MakeDue(Sql& sql, int n) {
  sql.Exec("CREATE TABLE bench_burst (clock_id bigint PRIMARY KEY, ticket_id bigint NOT NULL)");
  return static_cast<int>(sql.Int(absl::StrCat(R"sql(
WITH chosen AS (
  SELECT id FROM supervision_clocks WHERE kind = 2 AND state = 1 AND last_step = 0
    AND ticket_id % )sql",
                                               kResidues, " = ", kBurstResidue,
                                               R"sql( ORDER BY ticket_id LIMIT )sql", n, R"sql(),
moved AS (
  UPDATE supervision_clocks c SET next_fire_at = clock_timestamp() - interval '1 second',
    warn_at = clock_timestamp() - interval '1 second'
  FROM chosen WHERE c.id = chosen.id RETURNING c.id, c.ticket_id),
kept AS (INSERT INTO bench_burst SELECT * FROM moved RETURNING 1)
SELECT count(*) FROM kept)sql")));
}

}  // namespace

BurstResult RunBurst(InProcess& p, Sql& sql, int batch, int due) {
  BurstResult result;
  result.ran = true;
  result.due = MakeDue(sql, due);
  std::printf(
      "made due          %d handling clocks on %d distinct tickets (next rung = warning, due "
      "1 s ago)\n",
      result.due, result.due);
  supervision::Sweeper sweeper(*p.ctx, {absl::Milliseconds(200), batch}, nullptr);
  std::vector<std::string> passes;
  const absl::Time start = absl::Now();
  absl::Time last_fire = start;
  while (true) {
    const absl::Time t = absl::Now();
    absl::StatusOr<int> fired = sweeper.SweepOnce();
    if (!fired.ok()) {
      result.error = fired.status().ToString();
      break;
    }
    passes.push_back(absl::StrFormat("%d:%.0f", *fired, Ms(absl::Now() - t)));
    if (*fired == 0) break;
    result.fired += *fired;
    last_fire = absl::Now();
    if (passes.size() > 10000) Fail("the burst does not drain");
  }
  result.seconds = absl::ToDoubleSeconds(last_fire - start);
  result.events = sql.Int(
      "SELECT count(*) FROM ticket_events e JOIN bench_burst b USING (ticket_id) "
      "WHERE e.type = 'supervision.deadline_step'");
  result.advanced = sql.Int(
      "SELECT count(*) FROM supervision_clocks c JOIN bench_burst b ON b.clock_id = c.id "
      "WHERE c.last_step = 1 AND c.next_fire_at > now() AND c.next_fire_at = c.due_at");
  if (!result.error.empty()) {
    std::printf("Sweeper::SweepOnce() FAILED after %d fired (pass %zu): %s\n", result.fired,
                passes.size() + 1, result.error.c_str());
  }
  std::printf(
      "fired             %d rungs in %.2f s by SweepOnce() back to back, batch %d: %.0f rungs/s\n"
      "                  passes (fired:ms) %s\n"
      "check             %lld supervision.deadline_step events on those tickets (want %d); %lld "
      "clocks at last_step WARNING\n"
      "                  with the next rung (overdue) at their due time (want %d)\n",
      result.fired, result.seconds, batch, result.fired / std::max(result.seconds, 1e-9),
      absl::StrJoin(passes, " ").c_str(), static_cast<long long>(result.events), result.due,
      static_cast<long long>(result.advanced), result.due);
  if (!result.error.empty()) return result;

  // Right after a burst the index still holds the fired rungs' old entries (dead tuples until
  // vacuum); the next idle passes step over them.
  absl::StatusOr<PassTimes> after = IdlePasses(sweeper, 100);
  if (!after.ok()) {
    std::printf("idle after burst  FAILED: %s\n", after.status().ToString().c_str());
    return result;
  }
  std::printf(
      "idle after burst  100 passes: p50 %.3f ms, p99 %.3f ms, max %.3f ms (dead index entries "
      "of the fired rungs, before any vacuum)\n",
      after->p50, after->p99, after->max);
  return result;
}

}  // namespace hotline::bench
