// bench_reporting: the reporting rollups with a year of a province's tickets in a scratch database
// on the suite's PostgreSQL, in this process (hotline-reporting's own stores and use cases):
//   ingestion   the consumer's fast path over every generated event (target ≥ 20,000 events/s)
//   queries     GetIndicators, the province's year by prefecture, p50/p99 (target p99 ≤ 20 ms),
//               and the same volumes by the straightforward SQL over tickets and ticket_events,
//               as a ratio (target ≥ 100×)
//   rebuild     RebuildRollups over the whole history, and that it gives the same figures
//   lag         live tickets at 1,000 events/s: due → counted, p99 (target ≤ 1 s)
// Usage: deploy/local/suite up --no-services; build/bin/bench_reporting
//   --env_file=.suite/endpoints.env [--tickets=N | --events=N | --quick]
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "bench/reporting/history_loader.h"
#include "bench/reporting/ingest_phase.h"
#include "bench/reporting/lag_phase.h"
#include "bench/reporting/lock_sampler.h"
#include "bench/reporting/query_phase.h"
#include "bench/reporting/reporting_world.h"
#include "bench/reporting/ticket_generator.h"
#include "libs/common/proto_time.h"
#include "tests/support/core/env_file.h"
#include "tests/support/core/fail.h"
#include "tests/support/core/scratch_database.h"

ABSL_FLAG(std::string, env_file, ".suite/endpoints.env", "The suite's endpoints (PG_URL)");
ABSL_FLAG(int64_t, tickets, 10000000, "Tickets generated over the year (about 8 events each)");
ABSL_FLAG(int64_t, events, 0, "Stop loading once this many events are in (0: every ticket's)");
ABSL_FLAG(bool, quick, false, "A short smoke run: 20,000 tickets, 5 s of live load");
ABSL_FLAG(int, consumers, 2, "Consumer threads, as hotline-reporting's --rollup_threads");
ABSL_FLAG(int, partitions, 4, "Stream partitions the tickets are spread over");
ABSL_FLAG(int, batch, 50, "Events a consumer takes per read (one transaction)");
ABSL_FLAG(bool, whole_reads, true,
          "Take a read at once, as hotline-reporting does (false: event by event, as before)");
ABSL_FLAG(int64_t, chunk_tickets, 100000, "Tickets generated, loaded and ingested at a time");
ABSL_FLAG(int, query_runs, 30, "Timed GetIndicators calls");
ABSL_FLAG(int, naive_runs, 3, "Timed runs of the straightforward SQL");
ABSL_FLAG(double, lag_rate, 1000, "Events per second of the live load");
ABSL_FLAG(absl::Duration, lag_span, absl::Seconds(30), "How long the live load runs");
ABSL_FLAG(std::string, divisions_dir, "/work/shared/data/divisions",
          "China's statistical division codes (areas.csv)");
ABSL_FLAG(std::string, province, "53", "The province whose counties the tickets come from");
ABSL_FLAG(int, year, 2026, "The year the tickets are spread over (Asia/Shanghai)");
ABSL_FLAG(bool, keep_database, false, "Leave the scratch database behind (to inspect it)");

namespace hotline::bench {
namespace {

using support::Fail;

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return absl::StrCat(one, " ", five, " ", fifteen);
}

const char* Verdict(bool pass) { return pass ? "PASS" : "MISS"; }

struct LoadResult {
  int64_t tickets = 0, events = 0;
  absl::Duration ingest, history;
  int64_t lock_samples = 0, lock_waiting = 0;
};

// Generates, writes to the history and ingests the tickets a chunk at a time, so that memory
// stays bounded whatever --tickets says; only the ingestion is timed as ingestion.
LoadResult Load(ReportingWorld& world, const std::string& url, const TicketGenerator& generator,
                int64_t tickets, int64_t max_events, const IngestOptions& ingest) {
  LoadResult result;
  HistoryLoader history(world.pool);
  LockSampler sampler(url);
  const int64_t chunk = std::max<int64_t>(1, absl::GetFlag(FLAGS_chunk_tickets));
  for (int64_t first = 1; first <= tickets; first += chunk) {
    if (max_events > 0 && result.events >= max_events) break;
    std::vector<GeneratedTicket> made;
    std::vector<hotline::common::v1::EventEnvelope> events;
    for (int64_t id = first; id < first + chunk && id <= tickets; ++id) {
      made.push_back(generator.Ticket(id));
      for (auto& e : generator.Events(made.back())) events.push_back(std::move(e));
    }
    // The stream's order: by when each event happened (a ticket's own stay in version order).
    std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
      return FromTimestamp(a.occurred_at()) < FromTimestamp(b.occurred_at());
    });
    absl::Time start = absl::Now();
    history.Load(made, events);
    result.history += absl::Now() - start;
    result.ingest += Ingest(world, ingest, events);
    result.tickets += static_cast<int64_t>(made.size());
    result.events += static_cast<int64_t>(events.size());
    std::printf("  %lld tickets, %lld events in; ingestion so far %.0f events/s\n",
                static_cast<long long>(result.tickets), static_cast<long long>(result.events),
                result.events / absl::ToDoubleSeconds(result.ingest));
    std::fflush(stdout);
  }
  result.lock_samples = sampler.samples();
  result.lock_waiting = sampler.waiting();
  return result;
}

int Run() {
  const bool quick = absl::GetFlag(FLAGS_quick);
  const int64_t tickets = quick ? 20000 : absl::GetFlag(FLAGS_tickets);
  const int64_t max_events = absl::GetFlag(FLAGS_events);
  const absl::Duration lag_span = quick ? absl::Seconds(5) : absl::GetFlag(FLAGS_lag_span);
  IngestOptions ingest{absl::GetFlag(FLAGS_consumers), absl::GetFlag(FLAGS_partitions),
                       absl::GetFlag(FLAGS_batch), absl::GetFlag(FLAGS_whole_reads)};
  if (ingest.consumers < 1 || ingest.partitions < ingest.consumers || ingest.batch < 1) {
    Fail("need 1 ≤ --consumers ≤ --partitions and --batch ≥ 1");
  }
  const auto env = support::ReadEnvFile(absl::GetFlag(FLAGS_env_file));
  if (env.count("PG_URL") == 0) {
    Fail(absl::StrCat("need PG_URL in ", absl::GetFlag(FLAGS_env_file),
                      ": run deploy/local/suite up --no-services"));
  }
  absl::TimeZone zone;
  if (!absl::LoadTimeZone("Asia/Shanghai", &zone)) Fail("cannot load Asia/Shanghai");
  const Province province =
      LoadProvince(absl::GetFlag(FLAGS_divisions_dir), absl::GetFlag(FLAGS_province));
  const int year = absl::GetFlag(FLAGS_year);
  const absl::CivilDay from(year, 1, 1), to(year, 12, 31);
  TicketGenerator generator(province, absl::FromCivil(absl::CivilSecond(from), zone), tickets);

  std::printf(
      "reporting benchmark: %lld tickets over %d of province %s (%zu counties)%s, %d consumers "
      "on %d partitions, reads of %d; %d CPUs online, load average %s at start\n",
      static_cast<long long>(tickets), year, province.code.c_str(), province.counties.size(),
      max_events > 0 ? absl::StrCat(", at most ", max_events, " events").c_str() : "",
      ingest.consumers, ingest.partitions, ingest.batch,
      static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN)), LoadAverage().c_str());

  const std::string name = absl::StrCat("bench_reporting_", getpid());
  const std::string url = support::ValueOrFail(
      support::CreateScratchDatabase(env.at("PG_URL"), name, /*migrate=*/true));
  const bool keep = absl::GetFlag(FLAGS_keep_database);
  const int cleanup = support::AddCleanup([pg = env.at("PG_URL"), name, keep] {
    if (!keep) support::DropScratchDatabase(pg, name);
  });

  auto owned = std::make_unique<ReportingWorld>(url, ingest.consumers + 2, ingest.partitions, zone);
  ReportingWorld& world = *owned;
  std::printf("\n== load: generate, write the history (COPY), ingest ==\n");
  const LoadResult load = Load(world, url, generator, tickets, max_events, ingest);
  const double ingest_rate = load.events / absl::ToDoubleSeconds(load.ingest);
  std::printf("history written    %.1f s (tickets and ticket_events, COPY)\n",
              absl::ToDoubleSeconds(load.history));
  std::printf(
      "lock waits         %.2f consumers waiting on a lock per sample (%lld samples)\n",
      load.lock_samples > 0 ? static_cast<double>(load.lock_waiting) / load.lock_samples : 0.0,
      static_cast<long long>(load.lock_samples));

  std::printf("\n== queries: %s's year by prefecture ==\n", province.code.c_str());
  const QueryResult queries = MeasureQueries(world, province.code, from, to, zone,
                                             quick ? 10 : absl::GetFlag(FLAGS_query_runs),
                                             quick ? 1 : absl::GetFlag(FLAGS_naive_runs));
  const bool agree = queries.rollups == queries.straightforward;
  const double ratio = queries.naive_p50_ms / std::max(queries.p50_ms, 1e-3);
  std::printf("figures agree      %s (received, dispatched, replied in %zu prefectures)\n",
              agree ? "yes" : "NO", queries.rollups.size());

  std::printf("\n== RebuildRollups ==\n");
  const absl::Time rebuild_start = absl::Now();
  absl::StatusOr<reporting::RebuildResult> rebuilt = world.rebuilder.Rebuild();
  const absl::Duration rebuild = absl::Now() - rebuild_start;
  if (!rebuilt.ok()) Fail(rebuilt.status().ToString());
  const QueryResult after = MeasureQueries(world, province.code, from, to, zone, 1, 0);
  const bool rebuild_equal = after.rollups == queries.rollups;
  std::printf("rebuilt equals live %s\n", rebuild_equal ? "yes" : "NO");

  std::printf("\n== lag: live tickets at %.0f events/s for %.0f s ==\n",
              absl::GetFlag(FLAGS_lag_rate), absl::ToDoubleSeconds(lag_span));
  const LagResult lag =
      MeasureLag(world, ingest, generator, tickets + 1, absl::GetFlag(FLAGS_lag_rate), lag_span);

  std::printf("\n== figures (load average %s at the end) ==\n", LoadAverage().c_str());
  std::printf("%-34s %12.0f events/s  (%lld events, %.1f s)  target ≥ 20,000  %s\n", "ingestion",
              ingest_rate, static_cast<long long>(load.events), absl::ToDoubleSeconds(load.ingest),
              Verdict(ingest_rate >= 20000));
  std::printf("%-34s %8.2f ms p50 %8.2f ms p99  target p99 ≤ 20 ms  %s\n",
              "GetIndicators province-year", queries.p50_ms, queries.p99_ms,
              Verdict(queries.p99_ms <= 20));
  std::printf("%-34s %8.1f ms p50  ratio %.0f×  target ≥ 100×  %s\n", "straightforward SQL",
              queries.naive_p50_ms, ratio, Verdict(ratio >= 100 && agree));
  std::printf(
      "%-34s %8.1f ms p50 %8.1f ms p99 %8.1f ms max (%.0f events/s fed)  target p99 ≤ "
      "1,000 ms  %s\n",
      "rollup lag at 1,000 events/s", lag.p50_ms, lag.p99_ms, lag.max_ms, lag.achieved_rate,
      Verdict(lag.p99_ms <= 1000));
  std::printf("%-34s %8.1f s (%lld tickets)  %s\n", "RebuildRollups",
              absl::ToDoubleSeconds(rebuild), static_cast<long long>(load.tickets),
              rebuild_equal ? "same figures as live" : "DIFFERENT figures");
  owned.reset();
  support::RunCleanup(cleanup);
  return 0;
}

}  // namespace
}  // namespace hotline::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int rc = hotline::bench::Run();
  return rc;
}
