#include "bench/intake_load/pgbench_phase.h"

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "bench/support/bench_util.h"

namespace hotline::bench {
namespace {

// The contract: what intake's core writes for one ticket, as one transaction.
constexpr const char* kScript = R"sql(\set n random(1, 1000000000)
BEGIN;
INSERT INTO tickets (number, instance_id, channel, source_line, kind, urgency, category, region_code, caller_name, caller_phone, content, state, created_at, updated_at) VALUES ('pgbench-' || :n || '-' || :client_id || '-' || txid_current(), '53', 1, 1, 3, 1, 'urban-management/other', '530102', '王先生', '13900000000', '第' || :n || '号楼附近停水的问题已经持续3天，请尽快处理。', 'RECEIVED', now(), now());
INSERT INTO ticket_events (event_id, ticket_id, ticket_version, type, stream_partition, occurred_at, envelope) VALUES (gen_random_uuid(), currval('tickets_id_seq'), 1, 'ticket.created', :n % 8, now(), '\x0a0b0c');
COMMIT;
)sql";

constexpr const char* kDeleteRows =
    "DELETE FROM ticket_events WHERE envelope = '\\x0a0b0c'; "
    "DELETE FROM tickets WHERE number LIKE 'pgbench-%'";
constexpr const char* kVacuum = "VACUUM tickets, ticket_events";

// All of a command's output (stdout and stderr).
std::string Output(const std::string& command) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), pipe)) > 0) out.append(buf, n);
  pclose(pipe);
  return out;
}

}  // namespace

PgbenchResult RunPgbench(const std::string& pgbench, const std::string& pg_url, int clients,
                         absl::Duration length, const std::string& work_dir) {
  const std::string script = work_dir + "/pgbench_ticket_and_event.sql";
  std::ofstream(script) << kScript;
  const int64_t seconds = std::max<int64_t>(1, absl::ToInt64Seconds(length));
  const std::string output =
      Output(absl::StrCat(pgbench, " -n -c ", clients, " -j ", std::min(clients, 4), " -T ",
                          seconds, " -f '", script, "' '", pg_url, "'"));
  PgbenchResult result;
  for (absl::string_view line : absl::StrSplit(output, '\n')) {
    if (absl::ConsumePrefix(&line, "tps = ")) {
      std::sscanf(std::string(line).c_str(), "%lf", &result.tps);
      break;
    }
    if (result.error.empty() && absl::StrContains(line, "error")) result.error = std::string(line);
  }
  if (result.tps <= 0 && result.error.empty()) {
    result.error = output.empty() ? "no output from " + pgbench : output;
  }
  ExecOutsideTransaction(pg_url, kDeleteRows);
  ExecOutsideTransaction(pg_url, kVacuum);
  return result;
}

}  // namespace hotline::bench
