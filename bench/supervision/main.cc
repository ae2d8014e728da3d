// Benchmarks deadline supervision against the targets with 1,000,000 open clocks in
// PostgreSQL, and prints figures a person can compare:
//   load  — a scratch database on the suite's PostgreSQL (bench_supervision_<pid>, migrated,
//           dropped at the end) gets 200,000 IN_PROGRESS tickets and 5 running clocks each
//           (1 handling + 4 sign-for, next rung spread over the next 30 days), straight in SQL;
//           load time and table/index sizes;
//   idle  — Sweeper::SweepOnce() in this process with nothing due: p50/p99/max per pass, and
//           EXPLAIN (ANALYZE, BUFFERS) of the claim query (the partial index on next_fire_at);
//   burst — 10,000 handling clocks made due at once, SweepOnce() until it fires nothing: time,
//           rungs/s, the events written and the clocks rescheduled;
//   delay — the real hotline-supervision on the scratch database, 30,000 rungs due spread over
//           60 s (500/s) on top of the million open clocks: fire delay (event time − due time)
//           p50/p99/max, the service's /metrics histogram, its RSS and CPU;
//   then a summary with PASS/MISS against the targets. A phase whose sweeps fail is a MISS with
//   the error: the bench measures only the code as built.
//
//   deploy/local/suite up --no-services && build/bin/bench_supervision
//   --env_file=.suite/endpoints.env
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "bench/supervision/bench_sql.h"
#include "bench/supervision/burst_phase.h"
#include "bench/supervision/clock_load.h"
#include "bench/supervision/delay_phase.h"
#include "bench/supervision/idle_phase.h"
#include "bench/supervision/in_process.h"
#include "bench/supervision/scratch_database.h"
#include "bench/supervision/sizes.h"
#include "libs/common/log.h"
#include "libs/common/mutex_mode.h"
#include "tests/support/core/env_file.h"
#include "tests/support/core/fail.h"
#include "tests/support/core/proc_readers.h"
#include "tests/support/core/stats.h"

ABSL_FLAG(std::string, env_file, ".suite/endpoints.env",
          "endpoints.env of a running suite (PG_URL, REDIS_URL); `suite up --no-services` is "
          "enough");
ABSL_FLAG(std::string, phases, "idle,burst,delay",
          "Which phases to run after the load, comma-separated");
ABSL_FLAG(int64_t, clocks, 1000000, "Open clocks loaded");
ABSL_FLAG(int, clocks_per_ticket, 5, "Clocks per ticket: 1 handling + the rest sign-for");
ABSL_FLAG(int, idle_passes, 500, "Timed SweepOnce() passes with nothing due");
ABSL_FLAG(int, due, 10000, "Clocks made due at once in the burst phase");
ABSL_FLAG(int, sweep_batch, 1000,
          "Clocks one sweep transaction claims (hotline-supervision's --sweep_batch)");
ABSL_FLAG(int, delay_clocks, 30000, "Rungs made due during the delay phase");
ABSL_FLAG(absl::Duration, delay_span, absl::Seconds(60), "Over how long they fall due");
ABSL_FLAG(absl::Duration, sweep_every, absl::Milliseconds(200),
          "hotline-supervision's --sweep_every in the delay phase");
ABSL_FLAG(std::string, bin_dir, "",
          "Folder of hotline-supervision (default: this binary's folder)");
ABSL_FLAG(bool, keep_database, false, "Leave the scratch database behind (to inspect it)");

namespace hotline::bench {
using support::Fail;
using support::Mb;
using support::OwnBinaryDir;
using support::ReadEnvFile;
using support::RunCleanup;

namespace {

constexpr double kIdleTargetMs = 5;  // idle sweep p99
constexpr double kBurstTargetS = 2;  // 10,000 due fired
constexpr double kDelayTargetS = 1;  // fire delay p99

const char* Verdict(bool pass) { return pass ? "PASS" : "MISS"; }
void Section(const char* title) { std::printf("\n== %s ==\n", title); }

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return absl::StrCat(a, " ", b, " ", c);
}

void PrintSummary(const IdleResult& idle, const BurstResult& burst, const DelayResult& delay) {
  Section("summary");
  if (idle.ran && !idle.error.empty()) {
    std::printf(
        "idle sweep p99             %9s             target <= %.0f ms          MISS  "
        "(Sweeper::SweepOnce() failed: %s)\n",
        "never", kIdleTargetMs, idle.error.c_str());
  } else if (idle.ran) {
    std::printf(
        "idle sweep p99             %9.3f ms          target <= %.0f ms          %s  (p50 %.3f ms, "
        "max %.3f ms, %d passes)\n",
        idle.times.p99, kIdleTargetMs, Verdict(idle.times.p99 <= kIdleTargetMs), idle.times.p50,
        idle.times.max, absl::GetFlag(FLAGS_idle_passes));
  }
  if (burst.ran && !burst.error.empty()) {
    std::printf(
        "%6d due fired in          %9s             target <= %.0f s           MISS  "
        "(%d fired, then Sweeper::SweepOnce() failed: %s)\n",
        burst.due, "never", kBurstTargetS, burst.fired, burst.error.c_str());
  } else if (burst.ran) {
    const bool complete =
        burst.fired == burst.due && burst.events == burst.due && burst.advanced == burst.due;
    std::printf(
        "%6d due fired in          %9.2f s           target <= %.0f s           %s  (%.0f "
        "rungs/s; %lld events, %lld clocks advanced%s)\n",
        burst.due, burst.seconds, kBurstTargetS,
        Verdict(complete && burst.seconds <= kBurstTargetS),
        burst.fired / std::max(burst.seconds, 1e-9), static_cast<long long>(burst.events),
        static_cast<long long>(burst.advanced), complete ? "" : "; INCOMPLETE");
  }
  if (delay.ran && delay.fired == 0) {
    std::printf(
        "fire delay p99             %9s             target <= %.0f s           MISS  "
        "(hotline-supervision fired 0 of %d: %s)\n",
        "never", kDelayTargetS, delay.planned,
        delay.error.empty() ? "no sweep error in its log" : delay.error.c_str());
  } else if (delay.ran) {
    const bool complete = delay.fired == delay.planned;
    std::printf(
        "fire delay p99             %9.3f s           target <= %.0f s           %s  (p50 %.3f "
        "s, max %.3f s, %lld of %d fired%s%s)\n",
        delay.p99, kDelayTargetS, Verdict(complete && delay.p99 <= kDelayTargetS), delay.p50,
        delay.max, static_cast<long long>(delay.fired), delay.planned,
        complete ? "" : "; INCOMPLETE",
        delay.sweep_failures > 0
            ? absl::StrCat("; ", delay.sweep_failures, " failed sweeps").c_str()
            : "");
  }
  if (delay.ran) {
    std::printf(
        "service memory             %9.1f MB          (no target)                  "
        "hotline-supervision RSS peak; %.1f MB at start, with the clocks in PostgreSQL\n",
        Mb(delay.rss_peak), Mb(delay.rss_start));
  }
}

int Run() {
  std::set<std::string> phases;
  for (absl::string_view p : absl::StrSplit(absl::GetFlag(FLAGS_phases), ',', absl::SkipEmpty())) {
    if (p != "idle" && p != "burst" && p != "delay") Fail(absl::StrCat("unknown phase ", p));
    phases.insert(std::string(p));
  }
  const auto env = ReadEnvFile(absl::GetFlag(FLAGS_env_file));
  for (const char* key : {"PG_URL", "REDIS_URL", "DATA_KEYS"}) {
    if (env.count(key) == 0 || env.at(key).empty()) {
      Fail(absl::StrCat("need ", key, " in ", absl::GetFlag(FLAGS_env_file),
                        ": run deploy/local/suite up --no-services"));
    }
  }
  const int batch = absl::GetFlag(FLAGS_sweep_batch);
  std::printf(
      "supervision benchmark: %lld clocks, phases %s; %d CPUs online, load average %s at start\n",
      static_cast<long long>(absl::GetFlag(FLAGS_clocks)), absl::GetFlag(FLAGS_phases).c_str(),
      static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN)), LoadAverage().c_str());

  char work[] = "/tmp/bench_supervision.XXXXXX";
  if (mkdtemp(work) == nullptr) Fail("mkdtemp failed");
  const bool keep = absl::GetFlag(FLAGS_keep_database);
  const ScratchDatabase db = CreateScratchDatabase(env.at("PG_URL"), env.at("REDIS_URL"), keep);

  IdleResult idle;
  BurstResult burst;
  DelayResult delay;
  {
    Sql sql(db.url);
    Section("load: scratch database on the suite's PostgreSQL");
    std::printf("scratch database  %s (migrated)\n", db.name.c_str());
    LoadClocks(sql, absl::GetFlag(FLAGS_clocks), absl::GetFlag(FLAGS_clocks_per_ticket));
    PrintSizes(sql, "after the load");
    {
      InProcess in_process(db.url);
      if (phases.count("idle")) {
        Section("idle: Sweeper::SweepOnce() in this process, nothing due");
        idle = RunIdle(in_process, sql, batch, absl::GetFlag(FLAGS_idle_passes));
      }
      if (phases.count("burst")) {
        Section("burst: 10,000 due at once, SweepOnce() in this process until nothing is due");
        burst = RunBurst(in_process, sql, batch, absl::GetFlag(FLAGS_due));
      }
    }
    if (phases.count("delay")) {
      Section("delay: hotline-supervision on the scratch database, rungs falling due at 500/s");
      DelayOptions options;
      options.pg_url = db.url;
      options.redis_url = env.at("REDIS_URL");
      options.data_keys = env.at("DATA_KEYS");
      options.stream_prefix = db.name;
      options.bin_dir = absl::GetFlag(FLAGS_bin_dir).empty() ? OwnBinaryDir().value_or(".")
                                                             : absl::GetFlag(FLAGS_bin_dir);
      options.work_dir = work;
      options.batch = batch;
      options.clocks = absl::GetFlag(FLAGS_delay_clocks);
      options.span = absl::GetFlag(FLAGS_delay_span);
      options.sweep_every = absl::GetFlag(FLAGS_sweep_every);
      delay = RunDelay(sql, options);
    }
    std::printf("\n");
    PrintSizes(sql, "at the end");
  }
  RunCleanup(db.cleanup_id);
  std::filesystem::remove_all(work);
  std::printf("cleanup           %s %s; stream keys %s:* deleted\n", db.name.c_str(),
              keep ? "kept (--keep_database)" : "dropped", db.name.c_str());

  PrintSummary(idle, burst, delay);
  return 0;
}

}  // namespace
}  // namespace hotline::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  hotline::SkipMutexDeadlockDetection();
  hotline::log::Configure("bench_supervision", hotline::log::Level::kWarning);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  return hotline::bench::Run();
}
