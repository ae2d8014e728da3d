// Benchmarks routing against the targets and prints figures a person can compare:
//   decisions — Route() on one thread over the national directory (41,352 townships x 15
//               villages, ~750k units) built in memory: decisions/s, ns/decision, the outcome
//               mix, and the directory's memory (MemoryBytes and the process RSS growth);
//   load      — the national directory imported through a private hotline-routing's
//               ImportDirectory into a scratch database on the suite's PostgreSQL, then
//               LoadDirectory() from it (best of 3);
//   latency   — tickets submitted through the suite's intake at a paced rate; the suite's routing
//               dispatches them from the event stream; submit→DISPATCHED p50/p99 from
//               ticket_events.
//
//   deploy/local/suite up && build/bin/bench_routing --env_file=.suite/endpoints.env
//   build/bin/bench_routing --phases=decisions          (no suite needed)
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "bench/routing/decision_phase.h"
#include "bench/routing/latency_phase.h"
#include "bench/routing/load_phase.h"
#include "bench/routing/national_directory.h"
#include "libs/common/log.h"
#include "libs/common/mutex_mode.h"
#include "tests/support/core/env_file.h"
#include "tests/support/core/fail.h"
#include "tests/support/core/proc_readers.h"
#include "tests/support/core/stats.h"

ABSL_FLAG(std::string, env_file, ".suite/endpoints.env",
          "endpoints.env of a running suite (PG_URL, REDIS_URL, INTAKE_ADDR, "
          "HOTLINE_TOKEN_FRONTEND); the load and latency phases need it");
ABSL_FLAG(std::string, phases, "decisions,load,latency", "Which phases to run, comma-separated");
ABSL_FLAG(std::string, directory, "deploy/directory",
          "departments.csv, catalogue.csv, divisions/ and sample/units.csv");
ABSL_FLAG(int, villages_per_township, 15, "Villages generated under each township");
ABSL_FLAG(std::string, village_departments, "village-committee",
          "Department types placed at each generated village, comma-separated");
ABSL_FLAG(int64_t, decisions, 1000000, "Pre-generated routing inputs per timed round");
ABSL_FLAG(int, rounds, 3, "Timed rounds over the inputs (the best one counts)");
ABSL_FLAG(uint64_t, seed, 12345, "Seed of every random choice");
ABSL_FLAG(int, load_attempts, 3, "LoadDirectory() runs (the best one counts)");
ABSL_FLAG(int, chunk_rows, 5000, "Rows per ImportDirectory message");
ABSL_FLAG(double, rate, 500, "Tickets/s offered in the latency phase");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(20), "Length of the latency phase");
ABSL_FLAG(int, clients, 64, "Concurrent SubmitTicket clients in the latency phase");
ABSL_FLAG(std::string, bin_dir, "",
          "Folder of hotline-routing and hotline-admin (default: this binary's folder)");

namespace hotline::bench {
using support::Fail;
using support::Mb;
using support::OwnBinaryDir;
using support::ReadEnvFile;
using support::ResidentBytes;

namespace {

constexpr double kDecisionTarget = 500000;  // decisions/s on one core
constexpr double kMemoryTargetMb = 200;
constexpr double kLatencyTargetMs = 100;  // submit→DISPATCHED p99

const char* Verdict(bool pass) { return pass ? "PASS" : "MISS"; }

void Section(const char* title) { std::printf("\n== %s ==\n", title); }

void Need(const std::map<std::string, std::string>& env, std::initializer_list<const char*> keys,
          const char* phase) {
  for (const char* key : keys) {
    if (env.count(key) == 0 || env.at(key).empty()) {
      Fail(absl::StrCat("the ", phase, " phase needs ", key, " in ", absl::GetFlag(FLAGS_env_file),
                        ": run deploy/local/suite up, or --phases=decisions"));
    }
  }
}

int Run() {
  std::set<std::string> phases;
  for (absl::string_view p : absl::StrSplit(absl::GetFlag(FLAGS_phases), ',', absl::SkipEmpty())) {
    if (p != "decisions" && p != "load" && p != "latency") Fail(absl::StrCat("unknown phase ", p));
    phases.insert(std::string(p));
  }
  const auto env = ReadEnvFile(absl::GetFlag(FLAGS_env_file));
  if (phases.count("load")) Need(env, {"PG_URL", "REDIS_URL"}, "load");
  if (phases.count("latency")) {
    Need(env, {"PG_URL", "INTAKE_ADDR", "ROUTING_ADDR", "HOTLINE_TOKEN_FRONTEND"}, "latency");
  }
  const std::string dir = absl::GetFlag(FLAGS_directory);
  std::vector<std::string> village_departments =
      absl::StrSplit(absl::GetFlag(FLAGS_village_departments), ',', absl::SkipEmpty());
  std::printf("routing benchmark: phases %s; directory files from %s; %d CPUs online\n",
              absl::GetFlag(FLAGS_phases).c_str(), dir.c_str(),
              static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN)));

  absl::StatusOr<DirectoryFiles> files;
  directory::GeneratorOptions generator;
  if (phases.count("decisions") || phases.count("load")) {
    files = ReadDirectoryFiles(dir);
    if (!files.ok()) Fail(files.status().ToString());
    generator = NationalOptions(files->divisions, absl::GetFlag(FLAGS_villages_per_township),
                                village_departments);
  }

  double decisions_per_second = -1, memory_mb = -1, rss_mb = -1;
  if (phases.count("decisions")) {
    Section("decisions: Route() on one thread, national directory in memory");
    malloc_trim(0);
    const int64_t rss_before = ResidentBytes();
    absl::StatusOr<BuiltDirectory> built = BuildSnapshot(*files, generator);
    if (!built.ok()) Fail(built.status().ToString());
    malloc_trim(0);  // what the build freed goes back, so the growth is what the snapshot holds
    const int64_t rss_after = ResidentBytes();
    const auto& c = built->counts;
    std::printf(
        "directory         %lld units: %lld province, %lld prefecture, %lld county, %lld township, "
        "%lld village\n"
        "                  (%lld villages, %d per township, village departments: %s), %zu rules, "
        "%zu department types\n",
        static_cast<long long>(c.total_units()), static_cast<long long>(c.province_units),
        static_cast<long long>(c.prefecture_units), static_cast<long long>(c.county_units),
        static_cast<long long>(c.township_units), static_cast<long long>(c.village_units),
        static_cast<long long>(c.villages), generator.villages_per_township,
        absl::GetFlag(FLAGS_village_departments).c_str(), built->snapshot->rules().size(),
        files->departments.size());
    std::printf(
        "build             %.2f s generator -> Builder -> Build (the generator alone: %.2f s)\n",
        absl::ToDoubleSeconds(built->generate_and_build),
        absl::ToDoubleSeconds(built->generate_only));
    memory_mb = Mb(static_cast<int64_t>(built->snapshot->MemoryBytes()));
    rss_mb = Mb(rss_after - rss_before);
    std::printf(
        "memory            MemoryBytes %.1f MB (%.0f bytes/unit); process RSS %.1f -> %.1f "
        "MB = +%.1f MB\n",
        memory_mb, static_cast<double>(built->snapshot->MemoryBytes()) / c.total_units(),
        Mb(rss_before), Mb(rss_after), rss_mb);
    DecisionOptions options;
    options.inputs = absl::GetFlag(FLAGS_decisions);
    options.rounds = absl::GetFlag(FLAGS_rounds);
    options.seed = absl::GetFlag(FLAGS_seed);
    options.villages_per_township = absl::GetFlag(FLAGS_villages_per_township);
    decisions_per_second = RunDecisions(*built->snapshot, *files, options).decisions_per_second;
  }

  LoadResult load;
  bool loaded = false;
  if (phases.count("load")) {
    Section("load: ImportDirectory into a scratch database, then LoadDirectory()");
    char work[] = "/tmp/bench_routing.XXXXXX";
    if (mkdtemp(work) == nullptr) Fail("mkdtemp failed");
    LoadOptions options;
    options.pg_url = env.at("PG_URL");
    options.redis_url = env.at("REDIS_URL");
    if (env.count("DATA_KEYS") == 0) Fail("no DATA_KEYS in the env file: start the suite again");
    options.data_keys = env.at("DATA_KEYS");
    options.bin_dir = absl::GetFlag(FLAGS_bin_dir).empty() ? OwnBinaryDir().value_or(".")
                                                           : absl::GetFlag(FLAGS_bin_dir);
    options.work_dir = work;
    options.chunk_rows = absl::GetFlag(FLAGS_chunk_rows);
    options.load_attempts = absl::GetFlag(FLAGS_load_attempts);
    load = RunLoad(*files, generator, options);
    loaded = true;
    std::filesystem::remove_all(work);
  }

  LatencyResult latency;
  bool measured = false;
  if (phases.count("latency")) {
    Section("latency: submit -> DISPATCHED through the suite's intake and routing");
    LatencyOptions options;
    options.env = env;
    options.sample_units = dir + "/sample/units.csv";
    options.rate = absl::GetFlag(FLAGS_rate);
    options.duration = absl::GetFlag(FLAGS_duration);
    options.clients = absl::GetFlag(FLAGS_clients);
    options.seed = absl::GetFlag(FLAGS_seed);
    latency = RunLatency(options);
    measured = true;
  }

  Section("summary");
  if (decisions_per_second >= 0) {
    std::printf("decisions/s, one core      %9.0f /s          target >= %.0f /s    %s\n",
                decisions_per_second, kDecisionTarget,
                Verdict(decisions_per_second >= kDecisionTarget));
    const double worst = std::max(memory_mb, rss_mb);
    std::printf(
        "directory memory           %9.1f MB          target <= %.0f MB        %s  "
        "(larger of MemoryBytes %.1f and RSS growth %.1f)\n",
        worst, kMemoryTargetMb, Verdict(worst <= kMemoryTargetMb), memory_mb, rss_mb);
  }
  if (loaded) {
    std::printf(
        "directory load time        %9.2f s           (no target)            best of %d, "
        "%lld units; import took %.1f s\n",
        load.best_load_seconds, absl::GetFlag(FLAGS_load_attempts),
        static_cast<long long>(load.units), load.import_seconds);
  }
  if (measured) {
    std::printf(
        "submit->DISPATCHED p99     %9.1f ms          target <= %.0f ms        %s  "
        "(%.1fx the target; p50 %.1f ms, %lld dispatched, %.0f tickets/s achieved)\n",
        latency.p99_ms, kLatencyTargetMs,
        Verdict(latency.dispatched > 0 && latency.p99_ms <= kLatencyTargetMs),
        latency.p99_ms / kLatencyTargetMs, latency.p50_ms,
        static_cast<long long>(latency.dispatched), latency.achieved_rate);
  }
  return 0;
}

}  // namespace
}  // namespace hotline::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  hotline::SkipMutexDeadlockDetection();
  hotline::log::Configure("bench_routing", hotline::log::Level::kWarning);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  return hotline::bench::Run();
}
