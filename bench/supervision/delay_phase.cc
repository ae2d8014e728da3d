#include "bench/supervision/delay_phase.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "bench/supervision/clock_load.h"
#include "bench/supervision/fire_delay_metrics.h"
#include "tests/support/core/fail.h"
#include "tests/support/core/proc_readers.h"
#include "tests/support/core/service_process.h"
#include "tests/support/core/stats.h"

namespace hotline::bench {
using support::Fail;
using support::Mb;
using support::Percentile;
using support::ProcessCpuTime;
using support::ServiceProcess;
using support::StatusBytes;
using support::ValueOrFail;

namespace {

// Lists up to `n` handling clocks of the delay phase's residue classes in bench_fire_plan, one
// per ticket; returns how many.
int ChooseClocks(Sql& sql, int n) {
  sql.Exec(
      "CREATE TABLE bench_fire_plan (ticket_id bigint PRIMARY KEY, clock_id bigint NOT NULL, "
      "at timestamptz NOT NULL)");
  return static_cast<int>(sql.Int(absl::StrCat(R"sql(
WITH chosen AS (
  SELECT id, ticket_id FROM supervision_clocks WHERE kind = 2 AND state = 1 AND last_step = 0
    AND ticket_id % )sql",
                                               kResidues, " BETWEEN ", kDelayResidueFirst, " AND ",
                                               kDelayResidueLast, R"sql(
  ORDER BY ticket_id % )sql",
                                               kResidues, R"sql(, ticket_id LIMIT )sql", n,
                                               R"sql(),
plan AS (
  INSERT INTO bench_fire_plan
  SELECT ticket_id, id, 'infinity' FROM chosen RETURNING 1)
SELECT count(*) FROM plan)sql")));
}

// Makes the planned clocks due from now+3 s, one every `step_us`; returns the first due instant.
absl::Time Plan(Sql& sql, int64_t step_us) {
  sql.Exec(absl::StrCat(R"sql(
WITH ranked AS (SELECT ticket_id, row_number() OVER (ORDER BY at, ticket_id) - 1 AS rank
                FROM bench_fire_plan),
start AS (SELECT clock_timestamp() + interval '3 seconds' AS t)
UPDATE bench_fire_plan p SET at = start.t + ranked.rank * )sql",
                        step_us, R"sql( * interval '1 microsecond'
FROM ranked, start WHERE p.ticket_id = ranked.ticket_id)sql"));
  sql.Exec(
      "UPDATE supervision_clocks c SET next_fire_at = p.at, warn_at = p.at "
      "FROM bench_fire_plan p WHERE c.id = p.clock_id");
  return absl::FromUnixMicros(
      sql.Int("SELECT (extract(epoch FROM min(at)) * 1000000)::bigint FROM bench_fire_plan"));
}

// Polls until every planned rung has its event or `deadline`; gives up early when nothing at all
// has fired `grace` after the first rung was due. Samples `pid`'s RSS.
int64_t WaitFired(Sql& sql, int planned, pid_t pid, absl::Time first_due, absl::Duration grace,
                  absl::Time deadline, int64_t& rss_peak) {
  const std::string fired_sql =
      "SELECT count(*) FROM ticket_events e JOIN bench_fire_plan p USING (ticket_id) "
      "WHERE e.type = 'supervision.deadline_step'";
  int64_t fired = 0, last_print = 0;
  absl::Time next_print = absl::Now() + absl::Seconds(10);
  while ((fired = sql.Int(fired_sql)) < planned && absl::Now() < deadline) {
    rss_peak = std::max(rss_peak, StatusBytes(pid, "VmRSS"));
    if (fired == 0 && absl::Now() > first_due + grace) break;
    if (absl::Now() >= next_print) {
      std::printf("  … %lld fired (+%lld in the last 10 s), RSS %.1f MB\n",
                  static_cast<long long>(fired), static_cast<long long>(fired - last_print),
                  Mb(StatusBytes(pid, "VmRSS")));
      last_print = fired;
      next_print += absl::Seconds(10);
    }
    absl::SleepFor(absl::Milliseconds(250));
  }
  rss_peak = std::max(rss_peak, StatusBytes(pid, "VmRSS"));
  return fired;
}

// Counts the service's "deadline sweep failed" log lines into the result, keeping the first.
void ReadSweepFailures(const std::string& log_path, DelayResult& result) {
  std::ifstream log(log_path);
  for (std::string line; std::getline(log, line);) {
    if (line.find("deadline sweep failed") == std::string::npos) continue;
    if (++result.sweep_failures == 1) result.error = line.substr(0, 400);
  }
}

void PrintMetrics(const FireDelayMetrics& h) {
  std::string buckets;
  for (const auto& [le, count] : h.buckets) {
    absl::StrAppend(&buckets, " <=", le,
                    "s:", absl::StrFormat("%.1f%%", h.count > 0 ? 100 * count / h.count : 0));
  }
  std::printf(
      "service /metrics  hotline_supervision_rungs_fired_total %.0f; fire_delay_seconds (claim "
      "time − due) count %.0f,\n"
      "                  mean %.3f s, cumulative%s\n",
      h.fired_total, h.count, h.count > 0 ? h.sum / h.count : 0, buckets.c_str());
}

}  // namespace

DelayResult RunDelay(Sql& sql, const DelayOptions& options) {
  DelayResult result;
  result.ran = true;
  const std::string log_path = options.work_dir + "/hotline-supervision.log";
  const std::unique_ptr<ServiceProcess> started = ValueOrFail(ServiceProcess::Start(
      {options.bin_dir + "/hotline-supervision",
       {"--pg_url=" + options.pg_url, "--redis_url=" + options.redis_url,
        "--stream_prefix=" + options.stream_prefix, "--instance_id=53",
        "--consumer_name=bench-supervision", "--log_level=warning",
        "--data_keys=" + options.data_keys,
        // Its clocks' tickets are loaded by SQL, unsealed: sealing a
        // million of them meanwhile is not what this phase measures.
        "--run_maintenance=false", "--sweep_every=" + absl::FormatDuration(options.sweep_every),
        absl::StrCat("--sweep_batch=", options.batch)},
       options.work_dir + "/hotline-supervision.ready",
       log_path,
       support::StartedBy::kBenchmark,
       absl::Minutes(2)}));
  ServiceProcess& service = *started;
  // Its relay publishes what earlier phases wrote; wait for that so it does not overlap.
  const absl::Time relay_start = absl::Now();
  while (sql.Int("SELECT count(*) FROM outbox_pending") > 0) {
    if (absl::Now() - relay_start > absl::Minutes(3)) Fail("the relay does not drain the outbox");
    absl::SleepFor(absl::Milliseconds(200));
  }
  absl::SleepFor(absl::Seconds(2));
  result.rss_start = StatusBytes(service.pid(), "VmRSS");
  std::printf(
      "service           hotline-supervision pid %d, --sweep_every=%s --sweep_batch=%d, its relay "
      "drained the\n"
      "                  outbox in %.1f s; RSS %.1f MB with %lld running clocks in the database\n",
      service.pid(), absl::FormatDuration(options.sweep_every).c_str(), options.batch,
      absl::ToDoubleSeconds(absl::Now() - relay_start), Mb(result.rss_start),
      static_cast<long long>(sql.Int("SELECT count(*) FROM supervision_clocks WHERE state = 1")));

  const int64_t step_us = absl::ToInt64Microseconds(options.span) / std::max(options.clocks, 1);
  result.planned = ChooseClocks(sql, options.clocks);
  const absl::Duration cpu_before = ProcessCpuTime(service.pid());
  const absl::Time wall_before = absl::Now();
  const absl::Time first_due = Plan(sql, step_us);
  std::printf(
      "scheduled         %d handling clocks' warnings due from now+3 s, one every %.1f ms "
      "(%.0f/s) for %s\n",
      result.planned, step_us / 1000.0, 1e6 / std::max<int64_t>(step_us, 1),
      absl::FormatDuration(options.span).c_str());
  result.fired = WaitFired(sql, result.planned, service.pid(), first_due, absl::Seconds(5),
                           first_due + options.span + absl::Seconds(60), result.rss_peak);
  const absl::Duration cpu = ProcessCpuTime(service.pid()) - cpu_before;
  const absl::Duration wall = absl::Now() - wall_before;
  result.hwm = StatusBytes(service.pid(), "VmHWM");
  PrintMetrics(ScrapeFireDelay(service.metrics_port()));
  service.Stop();
  std::printf(
      "service memory    RSS %.1f MB at start, peak %.1f MB during the phase, VmHWM %.1f MB; CPU "
      "%.2f s in %.1f s (%.0f%% of one core)\n",
      Mb(result.rss_start), Mb(result.rss_peak), Mb(result.hwm), absl::ToDoubleSeconds(cpu),
      absl::ToDoubleSeconds(wall), 100 * absl::ToDoubleSeconds(cpu) / absl::ToDoubleSeconds(wall));
  ReadSweepFailures(log_path, result);
  if (result.sweep_failures > 0) {
    std::printf(
        "hotline-supervision logged %d \"deadline sweep failed\" lines, the first:\n"
        "                  %s\n",
        result.sweep_failures, result.error.c_str());
  }

  std::vector<double> delays;
  for (const auto& row : sql.Exec(
           "SELECT extract(epoch FROM e.occurred_at - p.at)::float8 FROM ticket_events e "
           "JOIN bench_fire_plan p USING (ticket_id) WHERE e.type = 'supervision.deadline_step'")) {
    delays.push_back(row[0].as<double>());
  }
  if (!delays.empty()) {
    result.p50 = Percentile(delays, 0.50);
    result.p90 = Percentile(delays, 0.90);
    result.p99 = Percentile(delays, 0.99);
    result.max = delays.back();
    result.min = delays.front();
  }
  std::printf(
      "fired             %lld of %d by hotline-supervision; fire delay = event occurred_at − the "
      "rung's due time:\n"
      "                  p50 %.3f s, p90 %.3f s, p99 %.3f s, max %.3f s, min %.3f s\n",
      static_cast<long long>(result.fired), result.planned, result.p50, result.p90, result.p99,
      result.max, result.min);
  return result;
}

}  // namespace hotline::bench
