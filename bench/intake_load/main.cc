// bench_intake_load: can SubmitTicket keep up with PostgreSQL itself?
//
// Starts a private hotline-intake on a suite's PostgreSQL and Redis (or, with --use_suite_intake,
// loads the suite's own), then runs --rounds rounds of
//   intake peak — tickets/s with --concurrency closed-loop clients, and
//   pgbench     — TPS of the equivalent transaction (insert ticket + insert event) at the same
//                 concurrency on the same PostgreSQL,
// alternately, so that both see the same drift of a shared machine; their medians give the ratio.
// Then it offers half the median peak in open loop and reports p50/p99/p99.9. Start the suite
// without its services, so nothing else consumes the tickets or the cores:
//   deploy/local/suite up --fresh --no-services
//   build/bin/bench_intake_load --env_file=.suite/endpoints.env
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "bench/intake_load/intake_metrics.h"
#include "bench/intake_load/intake_target.h"
#include "bench/intake_load/load_phase.h"
#include "bench/intake_load/pgbench_phase.h"
#include "bench/intake_load/settle.h"
#include "bench/intake_load/summary.h"
#include "libs/common/mutex_mode.h"
#include "tests/support/core/env_file.h"
#include "tests/support/core/fail.h"
#include "tests/support/core/memory_scanner.h"
#include "tests/support/core/proc_readers.h"
#include "tests/support/core/sample_tickets.h"
#include "tests/support/core/stats.h"

ABSL_FLAG(std::string, env_file, ".suite/endpoints.env",
          "endpoints.env of a running suite (PG_URL, REDIS_URL, INSTANCE_ID, "
          "HOTLINE_TOKEN_FRONTEND; INTAKE_ADDR with --use_suite_intake)");
ABSL_FLAG(int, concurrency, 32, "Concurrent clients (and pgbench clients)");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(15), "Length of each measured phase");
ABSL_FLAG(int, rounds, 3, "Rounds of {intake peak, pgbench}; medians are reported");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(2), "Closed-loop load before the first round");
ABSL_FLAG(double, repeat_share, 0.1,
          "Share of tickets in which a caller calls again about their last matter (flagged as "
          "possible duplicates); 1 makes every ticket a repeat");
ABSL_FLAG(std::string, pgbench, "/usr/lib/postgresql/15/bin/pgbench", "pgbench binary");
ABSL_FLAG(std::string, intake_binary, "",
          "hotline-intake to start; default: the one next to this binary");
ABSL_FLAG(std::string, intake_args, "",
          "Extra flags for the private hotline-intake, space-separated (e.g. --submit_writers=3)");
ABSL_FLAG(double, paced_rate, 0,
          "Tickets/s of the paced phase; 0: half the median peak. With --rounds=0 only the paced "
          "phase runs");
ABSL_FLAG(int, paced_rounds, 3,
          "Paced phases, one after the other; the latency figures are of all their calls");
ABSL_FLAG(absl::Duration, paced_lead_in, absl::Seconds(2),
          "Paced load offered before the paced phase is measured, without a pause between them");
ABSL_FLAG(bool, use_suite_intake, false,
          "Load the suite's own hotline-intake (INTAKE_ADDR) instead of starting one");

namespace hotline::bench {
using support::Fail;
using support::FindMemoryScanner;
using support::MemoryScanner;
using support::OwnBinaryDir;
using support::Percentile;
using support::ReadEnvFile;
using support::SampleTickets;

namespace {

constexpr absl::Duration kMaxSettle = absl::Seconds(60);
// A "ticket.created" envelope of a sample ticket; used only if intake has written none.
constexpr int kDefaultEnvelopeBytes = 534;

struct Options {
  std::string env_file, pgbench, intake_binary, intake_args;
  int concurrency = 0, rounds = 0, paced_rounds = 0;
  double repeat_share = 0, paced_rate = 0;
  absl::Duration duration, warmup, paced_lead_in;
  bool use_suite_intake = false;
};

Options ReadOptions() {
  Options o;
  o.env_file = absl::GetFlag(FLAGS_env_file);
  o.pgbench = absl::GetFlag(FLAGS_pgbench);
  o.intake_binary = absl::GetFlag(FLAGS_intake_binary);
  o.intake_args = absl::GetFlag(FLAGS_intake_args);
  o.concurrency = absl::GetFlag(FLAGS_concurrency);
  o.rounds = absl::GetFlag(FLAGS_rounds);
  o.paced_rounds = absl::GetFlag(FLAGS_paced_rounds);
  o.repeat_share = absl::GetFlag(FLAGS_repeat_share);
  o.paced_rate = absl::GetFlag(FLAGS_paced_rate);
  o.duration = absl::GetFlag(FLAGS_duration);
  o.warmup = absl::GetFlag(FLAGS_warmup);
  o.paced_lead_in = absl::GetFlag(FLAGS_paced_lead_in);
  o.use_suite_intake = absl::GetFlag(FLAGS_use_suite_intake);
  if (o.concurrency < 1) Fail("--concurrency must be at least 1");
  if (o.repeat_share < 0 || o.repeat_share > 1) Fail("--repeat_share must be within 0..1");
  if (o.paced_rate < 0) Fail("--paced_rate must not be negative");
  if (o.paced_rounds < 1) Fail("--paced_rounds must be at least 1");
  if (o.rounds < (o.paced_rate > 0 ? 0 : 1)) {
    Fail("--rounds must be at least 1 (0 only with --paced_rate)");
  }
  if (o.duration < absl::Seconds(1)) Fail("--duration must be at least 1s (pgbench -T)");
  if (o.paced_lead_in < absl::ZeroDuration()) Fail("--paced_lead_in must not be negative");
  if (o.use_suite_intake && (!o.intake_binary.empty() || !o.intake_args.empty())) {
    Fail("--intake_binary and --intake_args are for the private intake, not --use_suite_intake");
  }
  if (o.intake_binary.empty()) o.intake_binary = OwnBinaryDir().value_or(".") + "/hotline-intake";
  if (access(o.pgbench.c_str(), X_OK) != 0) Fail(o.pgbench + " not found: give --pgbench");
  return o;
}

// Waits for the outbox, drops the private intake's streams and takes a checkpoint; says so when
// that was not instant.
void SettleBefore(const std::string& pg_url, const std::string& redis_url,
                  const IntakeTarget& target, const char* next) {
  static bool warned = false;
  const Settled s = Settle(pg_url, kMaxSettle);
  if (!target.stream_prefix.empty()) DropStreams(pg_url, redis_url, target.stream_prefix);
  if (s.unpublished > 0) {
    std::printf("  (before %s: %lld events still unpublished after %.1f s; going on)\n", next,
                static_cast<long long>(s.unpublished), s.outbox_seconds);
  } else if (s.outbox_seconds >= 0.1) {
    std::printf("  (before %s: the relay published the rest of the outbox in %.1f s)\n", next,
                s.outbox_seconds);
  }
  if (!s.checkpointed && !warned) {
    warned = true;
    std::printf("  (CHECKPOINT refused: not a superuser; phases may meet checkpoints)\n");
  }
}

// Where the paced phase's time went inside intake (its histograms, lead-in included): what
// intake's writers add, against what the callers saw.
void PrintIntakeShare(const IntakeMetrics& m) {
  if (m.queue_wait.buckets.empty() || m.write.buckets.empty()) return;
  std::printf(
      "           inside intake: waiting for a writer p50 <= %.1f ms, p99 <= %.1f ms; a batch's "
      "write p50 <= %.1f ms, p99 <= %.1f ms\n",
      m.queue_wait.QuantileBoundMs(0.5), m.queue_wait.QuantileBoundMs(0.99),
      m.write.QuantileBoundMs(0.5), m.write.QuantileBoundMs(0.99));
}

// The paced rounds: `o.paced_rate` (or half the median peak) in open loop, --paced_rounds times,
// each round's figures printed; the summary's latency is of all their calls together, so no
// round's luck decides it. Appends DAMON's mean CPU per pass to `machine`.
PacedFigures RunPaced(const Options& o, double median_peak, const std::string& pg_url,
                      const std::string& redis_url, const IntakeTarget& target,
                      IntakeClients& clients, const MemoryScanner& scanner, std::string* machine) {
  PacedFigures paced;
  paced.offered = o.paced_rate > 0 ? o.paced_rate : median_peak / 2;
  paced.half_of_peak = o.paced_rate <= 0;
  std::printf(
      "paced at %s: %.0f tickets/s offered (open loop), %d rounds, each measured after %s of "
      "it\n",
      paced.half_of_peak ? "half the median peak" : "--paced_rate", paced.offered, o.paced_rounds,
      absl::FormatDuration(o.paced_lead_in).c_str());
  LoadResult all;
  std::vector<double> ms_per_pass;
  for (int r = 1; r <= o.paced_rounds; ++r) {
    SettleBefore(pg_url, redis_url, target, "paced");
    const IntakeMetrics before = ScrapeIntakeMetrics(target.metrics_port);
    const absl::Time start = absl::Now();
    const absl::Duration scanner_before = scanner.CpuTime();
    LoadResult load = clients.Run(o.duration, std::max(paced.offered, 1.0),
                                  absl::StrCat("paced", r), o.paced_lead_in);
    const IntakeMetrics during = ScrapeIntakeMetrics(target.metrics_port) - before;
    PrintLoad(absl::StrCat("  paced ", r).c_str(), load);
    PrintSlowestStretches(load, 3);
    PrintSlowEpisodes(load, 10);
    PrintIntakeShare(during);
    if (!scanner.note.empty()) {
      ms_per_pass.push_back(scanner.CpuMsPerPassSince(start, scanner_before));
      std::printf("           the kernel's DAMON took %.1f ms of CPU per pass\n",
                  ms_per_pass.back());
    }
    paced.round_p99_ms.push_back(Percentile(load.latencies_ms, 0.99));
    all.Add(load);
  }
  if (!ms_per_pass.empty()) {
    *machine += absl::StrFormat(", %.1f ms of CPU per pass while paced (median of the rounds)",
                                Median(ms_per_pass));
  }
  paced.achieved = all.Rate();
  paced.failed = all.failed;
  paced.p50_ms = Percentile(all.latencies_ms, 0.5);
  paced.p99_ms = Percentile(all.latencies_ms, 0.99);
  paced.p999_ms = Percentile(all.latencies_ms, 0.999);
  return paced;
}

int Run() {
  const Options o = ReadOptions();
  auto env = ReadEnvFile(o.env_file);
  if (env["PG_URL"].empty() || env["HOTLINE_TOKEN_FRONTEND"].empty()) {
    Fail(absl::StrCat("no PG_URL / HOTLINE_TOKEN_FRONTEND in ", o.env_file,
                      ": run deploy/local/suite up --fresh --no-services"));
  }
  const std::string pg_url = env["PG_URL"], redis_url = env["REDIS_URL"];
  IntakeTarget target;
  if (o.use_suite_intake) target = SuiteIntake(env);
  // The pgbench script and the private intake's ready file and log; left behind on failure.
  char work[] = "/tmp/bench_intake_load.XXXXXX";
  if (mkdtemp(work) == nullptr) Fail("mkdtemp failed");
  if (!o.use_suite_intake) target = StartPrivateIntake(o.intake_binary, o.intake_args, env, work);
  std::printf(
      "bench_intake_load: %d clients, %d rounds of {intake peak, pgbench} x %s, %s warm-up\n",
      o.concurrency, o.rounds, absl::FormatDuration(o.duration).c_str(),
      absl::FormatDuration(o.warmup).c_str());
  std::printf("intake   %s (%s)\n", target.description.c_str(), target.address.c_str());
  std::printf(
      "tickets  ordinary matters of many categories (tests/support/core/sample_tickets.cc), "
      "%.0f%% of them a caller calling again\n",
      100 * o.repeat_share);
  std::printf("pgbench  %s -c %d, insert ticket + insert event per transaction\n",
              o.pgbench.c_str(), o.concurrency);
  std::printf(
      "each phase starts once the outbox relay has caught up, after ANALYZE and a CHECKPOINT\n");
  if (!o.use_suite_intake && !env["INTAKE_ADDR"].empty()) {
    std::printf(
        "WARNING  the suite runs its own services (INTAKE_ADDR is set): they share the "
        "cores and consume these tickets; use deploy/local/suite up --no-services\n");
  }
  if (target.metrics_port == 0) std::printf("(no metrics port: write batches not reported)\n");

  IntakeClients clients(target.address, target.tls, env["HOTLINE_TOKEN_FRONTEND"], o.concurrency,
                        o.repeat_share);
  if (o.warmup > absl::ZeroDuration()) {
    LoadResult warm = clients.Run(o.warmup, 0, "warmup");
    PrintLoad("warm-up", warm);
  }

  BenchFigures figures;
  figures.concurrency = o.concurrency;
  figures.duration = o.duration;
  figures.intake = target.description;
  const MemoryScanner scanner = FindMemoryScanner();
  figures.machine = scanner.note;
  WriteBatches all_batches;
  PgbenchRows pgbench_rows;
  pgbench_rows.ticket = SampleTickets(1, {"530102"}, 0).Next("pgbench");
  for (int r = 1; r <= o.rounds; ++r) {
    std::printf("round %d\n", r);
    SettleBefore(pg_url, redis_url, target, "intake");
    const WriteBatches before = ScrapeIntakeMetrics(target.metrics_port).batches;
    LoadResult peak = clients.Run(o.duration, 0, absl::StrCat("peak", r));
    const WriteBatches batches = ScrapeIntakeMetrics(target.metrics_port).batches - before;
    all_batches += batches;
    PrintLoad("  intake", peak);
    if (batches.count > 0) {
      std::printf("           write batch %.1f submissions per transaction (%.0f transactions)\n",
                  batches.Mean(), batches.count);
    }
    SettleBefore(pg_url, redis_url, target, "pgbench");
    if (pgbench_rows.envelope_bytes == 0) {
      pgbench_rows.envelope_bytes = CreatedEnvelopeBytes(pg_url, kDefaultEnvelopeBytes);
      std::printf(
          "  (pgbench's rows: the ticket of a sample submission, an envelope of %d bytes)\n",
          pgbench_rows.envelope_bytes);
    }
    const PgbenchResult pg =
        RunPgbench(o.pgbench, pg_url, o.concurrency, o.duration, pgbench_rows, work);
    if (pg.tps <= 0) Fail("pgbench failed: " + pg.error);
    if (!pg.error.empty()) std::printf("           pgbench said: %s\n", pg.error.c_str());
    const RoundFigures round{peak.Rate(), pg.tps};
    std::printf("  pgbench  %8.0f TPS\n  ratio    %8.2fx\n", pg.tps, round.Ratio());
    figures.rounds.push_back(round);
    figures.peak_failed += peak.failed;
  }
  figures.mean_write_batch = all_batches.Mean();
  const double median_peak = MedianIntakeRate(figures.rounds);
  const double median_tps = MedianPgbenchTps(figures.rounds);
  const auto [low, high] = RatioRange(figures.rounds);
  if (!figures.rounds.empty()) {
    std::printf(
        "medians  intake %.0f tickets/s, pgbench %.0f TPS, ratio of medians %.2fx (rounds "
        "%.2fx..%.2fx)\n",
        median_peak, median_tps, median_tps > 0 ? median_peak / median_tps : 0, low, high);
  }
  if (figures.mean_write_batch > 0) {
    std::printf("         write batch %.1f submissions per transaction over the peak phases\n",
                figures.mean_write_batch);
  }

  figures.paced =
      RunPaced(o, median_peak, pg_url, redis_url, target, clients, scanner, &figures.machine);
  PrintSummary(figures);
  if (target.process) target.process->Stop();
  if (!target.stream_prefix.empty()) DropStreams(pg_url, redis_url, target.stream_prefix);
  std::filesystem::remove_all(work);
  return 0;
}

}  // namespace
}  // namespace hotline::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  hotline::SkipMutexDeadlockDetection();
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress shows as it happens, also through a pipe
  return hotline::bench::Run();
}
