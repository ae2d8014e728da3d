#include "bench/intake_load/pgbench_phase.h"

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tests/support/core/fail.h"
#include "tests/support/core/scratch_database.h"

namespace hotline::bench {
using support::ExecOutsideTransaction;
using support::OkOrFail;
using support::QueryOne;
using support::ValueOrFail;

namespace {

// pgbench reads ":name" as a variable; the sample texts have none (their colons are full-width).
std::string Quoted(const std::string& text) {
  return "'" + absl::StrReplaceAll(text, {{"'", "''"}}) + "'";
}

// The contract: what intake's core writes for one ticket, as one transaction.
std::string Script(const PgbenchRows& rows) {
  const intake::v1::SubmitTicketRequest& t = rows.ticket;
  const std::string envelope =
      "'\\x" + absl::BytesToHexString(std::string(rows.envelope_bytes, '\x2a')) + "'";
  return absl::StrCat(
      "\\set n random(1, 1000000000)\n"
      "BEGIN;\n"
      "INSERT INTO tickets (number, instance_id, channel, source_line, kind, urgency, category, "
      "region_code, address, caller_name, caller_phone, content, state, created_at, updated_at) "
      "VALUES ('pgbench-' || :n || '-' || :client_id || '-' || txid_current(), '53', ",
      t.channel(), ", ", t.source_line(), ", ", t.kind(), ", ", t.urgency(), ", ",
      Quoted(t.category()), ", ", Quoted(t.region_code()), ", ", Quoted(t.address()), ", ",
      Quoted(t.caller().name()), ", ", Quoted(t.caller().phone()), ", ", Quoted(t.content()),
      " || :n, 'RECEIVED', now(), now());\n"
      "INSERT INTO ticket_events (event_id, ticket_id, ticket_version, type, stream_partition, "
      "occurred_at, envelope) VALUES (gen_random_uuid(), currval('tickets_id_seq'), 1, "
      "'ticket.created', :n % 8, now(), ",
      envelope, ");\nCOMMIT;\n");
}

constexpr const char* kDeleteRows =
    "DELETE FROM ticket_events e USING tickets t "
    "WHERE e.ticket_id = t.id AND t.number LIKE 'pgbench-%'; "
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

int CreatedEnvelopeBytes(const std::string& pg_url, int fallback) {
  const std::string mean =
      ValueOrFail(QueryOne(pg_url,
                           "SELECT coalesce(round(avg(octet_length(envelope))), 0) FROM "
                           "ticket_events WHERE type = 'ticket.created'"));
  int bytes = 0;
  return absl::SimpleAtoi(mean, &bytes) && bytes > 0 ? bytes : fallback;
}

PgbenchResult RunPgbench(const std::string& pgbench, const std::string& pg_url, int clients,
                         absl::Duration length, const PgbenchRows& rows,
                         const std::string& work_dir) {
  const std::string script = work_dir + "/pgbench_ticket_and_event.sql";
  std::ofstream(script) << Script(rows);
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
  OkOrFail(ExecOutsideTransaction(pg_url, kDeleteRows));
  OkOrFail(ExecOutsideTransaction(pg_url, kVacuum));
  return result;
}

}  // namespace hotline::bench
