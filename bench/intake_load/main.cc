// Load generator for the intake service. Prints, for one run:
//   peak   — submitted tickets/s with --concurrency closed-loop clients, and latency percentiles;
//   paced  — latency at half the peak rate (open loop: requests start on schedule);
//   pgbench — TPS of the equivalent transaction (insert ticket + insert event) at the same
//             concurrency on the same PostgreSQL, and intake's peak as a multiple of it.
#include <grpcpp/create_channel.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "hotline/intake/v1/intake.grpc.pb.h"

ABSL_FLAG(std::string, env_file, ".suite/endpoints.env",
          "endpoints.env of a running suite (INTAKE_ADDR, HOTLINE_TOKEN_FRONTEND, PG_URL)");
ABSL_FLAG(int, concurrency, 32, "Concurrent clients (and pgbench clients)");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(15), "Length of each phase");
ABSL_FLAG(std::string, pgbench, "/usr/lib/postgresql/15/bin/pgbench", "pgbench binary");

namespace {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;

std::map<std::string, std::string> ReadEnv(const std::string& path) {
  std::map<std::string, std::string> env;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (eq != std::string::npos) env[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return env;
}

constexpr const char* kDistricts[] = {"530102", "530103", "530111", "530112", "530113", "530114"};
constexpr const char* kMatters[] = {"停水",     "停电",     "路灯不亮", "噪音扰民", "垃圾未清运",
                                    "井盖缺失", "占道经营", "油烟污染", "违章停车", "供暖不热"};

v1::SubmitTicketRequest RandomRequest(absl::BitGen& gen, const std::string& key) {
  v1::SubmitTicketRequest r;
  r.set_idempotency_key(key);
  r.set_channel(common::CHANNEL_PHONE);
  r.set_source_line(common::SOURCE_LINE_12345);
  r.set_kind(common::TICKET_KIND_COMPLAINT);
  r.set_urgency(common::URGENCY_NORMAL);
  r.set_category("urban-management/other");
  r.set_region_code(kDistricts[absl::Uniform(gen, 0u, 6u)]);
  r.mutable_caller()->set_name("王先生");
  r.mutable_caller()->set_phone(absl::StrCat("139", absl::Uniform(gen, 10000000, 99999999)));
  const int n = absl::Uniform(gen, 1, 10000);
  r.set_content(absl::StrCat("第", n, "号楼附近", kMatters[absl::Uniform(gen, 0u, 10u)],
                             "的问题已经持续", absl::Uniform(gen, 2, 30), "天，编号", n * 7919,
                             "，请尽快处理。"));
  return r;
}

struct Result {
  int64_t ok = 0, failed = 0;
  std::string first_error;
  std::vector<double> latencies_ms;
  double seconds = 0;
};

double Percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

// Closed loop when interval is zero; otherwise each client starts a request every `interval`.
Result Run(const std::string& addr, const std::string& token, int clients, absl::Duration length,
           absl::Duration interval, const std::string& phase) {
  Result result;
  absl::Mutex mu;
  std::vector<std::thread> threads;
  const absl::Time start = absl::Now(), end = start + length;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      // One channel per client, with distinct arguments, so clients do not share a connection.
      grpc::ChannelArguments args;
      args.SetInt("hotline.bench.client", c);
      auto stub = v1::Intake::NewStub(
          grpc::CreateCustomChannel(addr, grpc::InsecureChannelCredentials(), args));
      absl::BitGen gen;
      Result mine;
      absl::Time next = start + interval * c / std::max(clients, 1);
      for (int64_t i = 0;; ++i) {
        if (interval > absl::ZeroDuration()) {
          if (next >= end) break;
          absl::SleepFor(next - absl::Now());
        } else if (absl::Now() >= end) {
          break;
        }
        const absl::Time sent = interval > absl::ZeroDuration() ? next : absl::Now();
        grpc::ClientContext context;
        context.AddMetadata("authorization", "Bearer " + token);
        context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
        v1::SubmitTicketResponse response;
        auto status = stub->SubmitTicket(
            &context, RandomRequest(gen, absl::StrCat(phase, "-", c, "-", i, "-", getpid())),
            &response);
        mine.latencies_ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - sent));
        (status.ok() ? mine.ok : mine.failed)++;
        if (!status.ok() && mine.first_error.empty()) {
          mine.first_error = absl::StrCat(status.error_code(), " ", status.error_message());
        }
        next += interval;
      }
      absl::MutexLock lock(&mu);
      result.ok += mine.ok;
      result.failed += mine.failed;
      if (result.first_error.empty()) result.first_error = mine.first_error;
      result.latencies_ms.insert(result.latencies_ms.end(), mine.latencies_ms.begin(),
                                 mine.latencies_ms.end());
    });
  }
  for (auto& t : threads) t.join();
  result.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  return result;
}

void Print(const char* name, Result& r) {
  std::printf(
      "%-8s %8lld ok %5lld failed in %5.1f s = %8.0f tickets/s   latency ms p50 %6.2f  "
      "p99 %6.2f  p99.9 %6.2f\n",
      name, static_cast<long long>(r.ok), static_cast<long long>(r.failed), r.seconds,
      r.ok / r.seconds, Percentile(r.latencies_ms, 0.5), Percentile(r.latencies_ms, 0.99),
      Percentile(r.latencies_ms, 0.999));
}

// TPS of pgbench running insert ticket + insert event in one transaction, as intake's core does.
double PgbenchTps(const std::string& pg_url, int clients, absl::Duration length) {
  const std::string script = "/tmp/bench_intake_pgbench.sql";
  std::ofstream(script) << R"sql(\set n random(1, 1000000000)
BEGIN;
INSERT INTO tickets (number, instance_id, channel, source_line, kind, urgency, category, region_code, caller_name, caller_phone, content, state, created_at, updated_at) VALUES ('pgbench-' || :n || '-' || :client_id || '-' || txid_current(), '53', 1, 1, 3, 1, 'urban-management/other', '530102', '王先生', '13900000000', '第' || :n || '号楼附近停水的问题已经持续3天，请尽快处理。', 'RECEIVED', now(), now());
INSERT INTO ticket_events (event_id, ticket_id, ticket_version, type, stream_partition, occurred_at, envelope) VALUES (gen_random_uuid(), currval('tickets_id_seq'), 1, 'ticket.created', :n % 8, now(), '\x0a0b0c');
COMMIT;
)sql";
  const std::string command =
      absl::StrCat(absl::GetFlag(FLAGS_pgbench), " -n -c ", clients, " -j ", std::min(clients, 4),
                   " -T ", absl::ToInt64Seconds(length), " -f ", script, " '", pg_url,
                   "' 2>/dev/null | grep -E '^tps' | head -1");
  FILE* pipe = popen(command.c_str(), "r");
  char line[256] = {0};
  double tps = 0;
  if (pipe != nullptr && std::fgets(line, sizeof(line), pipe) != nullptr) {
    std::sscanf(line, "tps = %lf", &tps);
  }
  if (pipe != nullptr) pclose(pipe);
  // Its rows are not tickets: remove them so the suite stays clean.
  const std::string cleanup = absl::StrCat(
      "psql -q '", pg_url,
      "' -c \"DELETE FROM ticket_events WHERE envelope = '\\x0a0b0c'; DELETE FROM tickets WHERE "
      "number LIKE 'pgbench-%'\" -c 'VACUUM tickets, ticket_events' >/dev/null 2>&1");
  (void)!std::system(cleanup.c_str());
  return tps;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  auto env = ReadEnv(absl::GetFlag(FLAGS_env_file));
  if (env["INTAKE_ADDR"].empty() || env["HOTLINE_TOKEN_FRONTEND"].empty()) {
    std::fprintf(stderr,
                 "no INTAKE_ADDR / HOTLINE_TOKEN_FRONTEND in %s: run deploy/local/suite up\n",
                 absl::GetFlag(FLAGS_env_file).c_str());
    return 2;
  }
  const int clients = absl::GetFlag(FLAGS_concurrency);
  const absl::Duration length = absl::GetFlag(FLAGS_duration);
  std::printf("intake load: %d clients, %s per phase, against %s\n", clients,
              absl::FormatDuration(length).c_str(), env["INTAKE_ADDR"].c_str());

  Result peak = Run(env["INTAKE_ADDR"], env["HOTLINE_TOKEN_FRONTEND"], clients, length,
                    absl::ZeroDuration(), "peak");
  Print("peak", peak);
  const double half_rate = peak.ok / peak.seconds / 2;
  Result paced = Run(env["INTAKE_ADDR"], env["HOTLINE_TOKEN_FRONTEND"], clients, length,
                     absl::Seconds(clients / std::max(half_rate, 1.0)), "paced");
  std::printf("(paced at half of peak: %.0f tickets/s offered)\n", half_rate);
  Print("paced", paced);

  const double tps = PgbenchTps(env["PG_URL"], clients, length);
  std::printf("pgbench  insert ticket + insert event, %d clients: %.0f TPS\n", clients, tps);
  if (tps > 0) std::printf("intake peak / pgbench = %.2fx\n", peak.ok / peak.seconds / tps);
  return 0;
}
