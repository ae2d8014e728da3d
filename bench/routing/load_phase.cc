#include "bench/routing/load_phase.h"

#include <grpcpp/create_channel.h>
#include <unistd.h>

#include <cstdio>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "hotline/routing/v1/routing.grpc.pb.h"
#include "libs/common/clock.h"
#include "libs/events/redis_connection.h"
#include "libs/events/stream_keys.h"
#include "libs/pg/pg_pool.h"
#include "libs/ticketstore/event_outbox.h"
#include "services/routing/store/pg_directory_source.h"
#include "tests/support/core/fail.h"
#include "tests/support/core/scratch_database.h"
#include "tests/support/core/service_process.h"
#include "tests/support/core/stats.h"
#include "tools/directory/import_sender.h"

namespace hotline::bench {
using support::AddCleanup;
using support::CreateScratchDatabase;
using support::DropScratchDatabase;
using support::Fail;
using support::Mb;
using support::RunCleanup;
using support::ServiceProcess;
using support::ValueOrFail;

namespace {

namespace v1 = hotline::routing::v1;

// `hotline-admin token create` for the scratch database: the one line it prints.
std::string CreateAdminToken(const std::string& admin, const std::string& url) {
  const std::string command = absl::StrCat(admin, " token create --pg_url='", url,
                                           "' --role=admin --jurisdiction= --name=bench-admin");
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) Fail("cannot run " + admin);
  char line[512] = {0};
  const bool got = std::fgets(line, sizeof(line), pipe) != nullptr;
  if (pclose(pipe) != 0 || !got) Fail("hotline-admin token create failed");
  return std::string(absl::StripAsciiWhitespace(line));
}

// Streams departments, the generated units and the catalogue; returns the server's answer.
v1::ImportDirectoryResponse Import(const std::string& addr, const std::string& token,
                                   const DirectoryFiles& files,
                                   const directory::GeneratorOptions& generator, int chunk_rows,
                                   int64_t total_units) {
  auto stub = v1::Routing::NewStub(grpc::CreateChannel(addr, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Bearer " + token);
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Minutes(30)));
  v1::ImportDirectoryResponse response;
  auto writer = stub->ImportDirectory(&context, &response);
  directory::ImportSender sender(*writer, chunk_rows, /*replace=*/false);
  sender.Begin("departments", static_cast<int64_t>(files.departments.size()));
  for (v1::DepartmentType d : files.departments) sender.Add(std::move(d));
  sender.End();
  sender.Begin("units", total_units);
  absl::StatusOr<directory::GenerationCounts> generated = directory::GenerateUnits(
      files.divisions, generator, [&](const v1::Unit& unit) { sender.Add(v1::Unit(unit)); });
  if (!generated.ok()) Fail(std::string(generated.status().message()));
  sender.End();
  sender.Begin("rules", static_cast<int64_t>(files.rules.size()));
  for (v1::CatalogueRule rule : files.rules) {
    rule.set_id(0);  // new rules: the server numbers them
    sender.Add(std::move(rule));
  }
  sender.End();
  sender.Finish();
  writer->WritesDone();
  const grpc::Status status = writer->Finish();
  if (!status.ok()) Fail(absl::StrCat("ImportDirectory: ", status.error_message()));
  return response;
}

// Waits until the private routing serves `version`, and returns what it says of it.
v1::GetDirectoryStatusResponse ServedStatus(const std::string& addr, const std::string& token,
                                            int64_t version) {
  auto stub = v1::Routing::NewStub(grpc::CreateChannel(addr, grpc::InsecureChannelCredentials()));
  const absl::Time deadline = absl::Now() + absl::Minutes(5);
  while (true) {
    grpc::ClientContext context;
    context.AddMetadata("authorization", "Bearer " + token);
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    v1::GetDirectoryStatusResponse status;
    const grpc::Status rpc = stub->GetDirectoryStatus(&context, {}, &status);
    if (rpc.ok() && status.directory_version() >= version) return status;
    if (absl::Now() > deadline) Fail("the private hotline-routing did not load the import");
    absl::SleepFor(absl::Milliseconds(200));
  }
}

// Stream keys the private routing's relay and consumer group made in the suite's Redis.
void DeleteStreams(const std::string& redis_url, const std::string& prefix, int partitions) {
  auto redis = events::RedisConnection::Connect(redis_url, absl::Seconds(5));
  if (!redis.ok()) return;
  events::RedisArgv del = {"DEL", events::DeadLetterKey(prefix, "routing")};
  for (int p = 0; p < partitions; ++p) del.push_back(events::StreamKey(prefix, p));
  (void)(*redis)->Command(del);
}

// Everything that uses the scratch database, so that its connections are closed before it is
// dropped.
void RunIn(const std::string& db, const std::string& url, const DirectoryFiles& files,
           const directory::GeneratorOptions& generator, const LoadOptions& options,
           int& partitions, LoadResult& result) {
  pg::PgPoolOptions pool_options;
  pool_options.url = url;
  pool_options.size = 2;
  pg::PgPool pool(pool_options);
  if (auto p = ticketstore::LoadStreamPartitions(pool); p.ok()) partitions = *p;
  const std::string token = CreateAdminToken(options.bin_dir + "/hotline-admin", url);
  std::printf("scratch database  %s on the suite's server (migrated; admin token made)\n",
              db.c_str());

  int64_t total_units = 0;
  (void)directory::GenerateUnits(files.divisions, generator,
                                 [&](const v1::Unit&) { ++total_units; });
  {
    const std::unique_ptr<ServiceProcess> routing = ValueOrFail(ServiceProcess::Start(
        {options.bin_dir + "/hotline-routing",
         {"--pg_url=" + url, "--redis_url=" + options.redis_url, "--stream_prefix=" + db,
          "--instance_id=53", "--consumer_name=bench-routing", "--log_level=warning",
          "--data_keys=" + options.data_keys},
         options.work_dir + "/hotline-routing.ready",
         options.work_dir + "/hotline-routing.log",
         support::StartedBy::kBenchmark,
         absl::Minutes(2)}));
    const absl::Time start = absl::Now();
    const v1::ImportDirectoryResponse imported =
        Import(routing->address(), token, files, generator, options.chunk_rows, total_units);
    result.import_seconds = absl::ToDoubleSeconds(absl::Now() - start);
    std::printf(
        "import            %lld departments, %lld units, %lld rules in %.1f s through a private "
        "hotline-routing's\n"
        "                  ImportDirectory RPC (%d rows per chunk; the client generates the units "
        "while streaming;\n"
        "                  the server validates every chunk, then COPY + upsert in one "
        "transaction)\n",
        static_cast<long long>(imported.departments()), static_cast<long long>(imported.units()),
        static_cast<long long>(imported.rules()), result.import_seconds, options.chunk_rows);
    const v1::GetDirectoryStatusResponse served =
        ServedStatus(routing->address(), token, imported.directory_version());
    std::printf(
        "service reload    the private hotline-routing picked it up by itself: version %lld, "
        "%lld units, %lld rules,\n"
        "                  loaded in %.2f s, %.1f MB (its GetDirectoryStatus)\n",
        static_cast<long long>(served.directory_version()), static_cast<long long>(served.units()),
        static_cast<long long>(served.rules()), served.load_seconds(), Mb(served.memory_bytes()));
  }  // stopped: nothing else uses the server's CPUs while LoadDirectory is timed

  for (int attempt = 1; attempt <= options.load_attempts; ++attempt) {
    absl::StatusOr<std::shared_ptr<const routing::DirectorySnapshot>> loaded =
        routing::LoadDirectory(pool, SystemClock::Get());
    if (!loaded.ok()) Fail(loaded.status().ToString());
    const double seconds = absl::ToDoubleSeconds((*loaded)->load_time());
    std::printf("LoadDirectory %d   %.2f s  %zu units, %zu rules, MemoryBytes %.1f MB\n", attempt,
                seconds, (*loaded)->unit_count(), (*loaded)->rules().size(),
                Mb(static_cast<int64_t>((*loaded)->MemoryBytes())));
    if (attempt == 1 || seconds < result.best_load_seconds) result.best_load_seconds = seconds;
    result.units = static_cast<int64_t>((*loaded)->unit_count());
    result.memory_bytes = static_cast<int64_t>((*loaded)->MemoryBytes());
  }
  std::printf("load              best of %d: %.2f s for %lld units\n", options.load_attempts,
              result.best_load_seconds, static_cast<long long>(result.units));
}

}  // namespace

LoadResult RunLoad(const DirectoryFiles& files, const directory::GeneratorOptions& generator,
                   const LoadOptions& options) {
  LoadResult result;
  const std::string db = absl::StrCat("bench_routing_", getpid());
  const std::string url = ValueOrFail(CreateScratchDatabase(options.pg_url, db, /*migrate=*/true));
  int partitions = 8;
  const int drop = AddCleanup([&options, db, &partitions] {
    DeleteStreams(options.redis_url, db, partitions);
    DropScratchDatabase(options.pg_url, db);
  });
  RunIn(db, url, files, generator, options, partitions, result);
  RunCleanup(drop);
  return result;
}

}  // namespace hotline::bench
