#include "bench/routing/latency_phase.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <pqxx/result>
#include <pqxx/row>
#include <random>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "hotline/intake/v1/intake.grpc.pb.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/pg_pool.h"
#include "libs/pg/transact.h"
#include "libs/tls/dial.h"
#include "tests/support/core/fail.h"
#include "tests/support/core/stats.h"
#include "tools/directory/unit_file.h"

namespace hotline::bench {
using support::Fail;
using support::Percentile;
using support::ValueOrFail;

namespace {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;

// Categories whose catalogue rules lead to a county or prefecture unit that the sample directory
// has for every Yunnan village: the ordinary dispatch path. No minors (civil affairs reviews),
// no emergencies, no consultations (the knowledge base may answer them), nothing out of scope.
constexpr const char* kCategories[] = {"public-utilities/water",
                                       "public-utilities/power",
                                       "public-utilities/gas",
                                       "urban-management/sanitation",
                                       "urban-management/street-occupation",
                                       "urban-management/illegal-construction",
                                       "market-regulation/consumer-rights",
                                       "market-regulation/food-safety",
                                       "labour/wage-arrears",
                                       "social-security/pension",
                                       "medical-insurance/reimbursement",
                                       "housing/property-management",
                                       "transport/roads",
                                       "environment/noise",
                                       "education/school-management",
                                       "health/medical-services",
                                       "civil-affairs/elderly-care"};
constexpr const char* kMatters[] = {"停水",     "停电",     "路灯不亮", "噪音扰民", "垃圾未清运",
                                    "井盖缺失", "占道经营", "油烟污染", "道路破损", "物业不作为"};
constexpr const char* kDecisionEvents =
    "'routing.dispatched', 'routing.queued_for_manual_dispatch', "
    "'routing.transferred_out'";

struct Sent {
  std::string number;
  absl::Time scheduled;  // when it was due to be sent: lateness of a busy client counts
  absl::Time answered;
  v1::ScopeDecision decision = v1::SCOPE_DECISION_UNSPECIFIED;
};

std::vector<std::string> VillageCodes(const std::string& units_csv, const std::string& prefix) {
  std::ifstream in(units_csv, std::ios::binary);
  if (!in) Fail("cannot read " + units_csv);
  std::vector<std::string> codes;
  directory::ReadUnits(in, units_csv, [&](routing::v1::Unit&& unit, int) {
    if (unit.region_code().size() == 12 && absl::StartsWith(unit.region_code(), prefix)) {
      codes.push_back(unit.region_code());
    }
  });
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  if (codes.empty()) Fail("no village codes of " + prefix + " in " + units_csv);
  return codes;
}

v1::SubmitTicketRequest Request(std::mt19937_64& gen, const std::vector<std::string>& villages,
                                const std::string& key) {
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(gen); };
  v1::SubmitTicketRequest r;
  r.set_idempotency_key(key);
  r.set_channel(common::CHANNEL_PHONE);
  r.set_source_line(common::SOURCE_LINE_12345);
  r.set_kind(pick(2) == 0 ? common::TICKET_KIND_COMPLAINT : common::TICKET_KIND_HELP);
  r.set_urgency(common::URGENCY_NORMAL);
  r.set_category(kCategories[pick(std::size(kCategories))]);
  r.set_region_code(villages[pick(villages.size())]);
  r.mutable_caller()->set_name("李女士");
  r.mutable_caller()->set_phone(absl::StrCat("13", 100000000 + pick(899999999)));
  const size_t n = 1 + pick(9999);
  r.set_content(absl::StrCat("第", n, "号楼附近", kMatters[pick(std::size(kMatters))],
                             "的问题已经持续", 2 + pick(28), "天，编号", n * 7919,
                             "，请尽快处理。"));
  return r;
}

// Open loop: ticket i is due at start + i / rate; client c sends tickets c, c + clients, ….
std::vector<Sent> Submit(const LatencyOptions& options, const std::vector<std::string>& villages,
                         int64_t* failed, std::string* first_error, double* seconds) {
  const std::string addr = options.env.at("INTAKE_ADDR");
  tls::ClientTls client_tls;  // the suite's CA when it serves TLS
  if (auto ca = options.env.find("TLS_CA"); ca != options.env.end()) client_tls.ca = ca->second;
  const std::string token = options.env.at("HOTLINE_TOKEN_FRONTEND");
  const int64_t total =
      static_cast<int64_t>(options.rate * absl::ToDoubleSeconds(options.duration));
  std::vector<Sent> all;
  absl::Mutex mu;
  std::vector<std::thread> threads;
  const absl::Time start = absl::Now() + absl::Milliseconds(200);  // channels connect first
  for (int c = 0; c < options.clients; ++c) {
    threads.emplace_back([&, c] {
      grpc::ChannelArguments args;
      args.SetInt("hotline.bench.client", c);  // distinct arguments: a connection per client
      auto stub = v1::Intake::NewStub(ValueOrFail(tls::Dial(addr, client_tls, args)));
      std::mt19937_64 gen(options.seed + c);
      std::vector<Sent> mine;
      int64_t my_failed = 0;
      std::string my_error;
      for (int64_t i = c; i < total; i += options.clients) {
        const absl::Time due = start + absl::Seconds(i / options.rate);
        v1::SubmitTicketRequest request =
            Request(gen, villages, absl::StrCat("bench-routing-", getpid(), "-", i));
        absl::SleepFor(due - absl::Now());
        grpc::ClientContext context;
        context.AddMetadata("authorization", "Bearer " + token);
        context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
        v1::SubmitTicketResponse response;
        const grpc::Status status = stub->SubmitTicket(&context, request, &response);
        if (!status.ok()) {
          ++my_failed;
          if (my_error.empty())
            my_error = absl::StrCat(status.error_code(), " ", status.error_message());
          continue;
        }
        mine.push_back({response.ticket_number(), due, absl::Now(), response.decision()});
      }
      absl::MutexLock lock(&mu);
      all.insert(all.end(), mine.begin(), mine.end());
      *failed += my_failed;
      if (first_error->empty()) *first_error = my_error;
    });
  }
  for (std::thread& t : threads) t.join();
  *seconds = absl::ToDoubleSeconds(absl::Now() - start);
  return all;
}

// Ticket ids of the numbers (the tickets exist once SubmitTicket answered).
absl::flat_hash_map<int64_t, std::string> TicketIds(pg::PgPool& pool,
                                                    const std::vector<std::string>& numbers) {
  absl::flat_hash_map<int64_t, std::string> ids;
  absl::Status s = pg::Transact(pool, [&](pqxx::work& tx) {
    for (const auto& row :
         tx.exec_params("SELECT id, number FROM tickets WHERE number = ANY($1::text[])",
                        pg::TextArrayLiteral(numbers))) {
      ids[row[0].as<int64_t>()] = row[1].as<std::string>();
    }
    return absl::OkStatus();
  });
  if (!s.ok()) Fail(s.ToString());
  return ids;
}

int64_t CountDecided(pg::PgPool& pool, const std::string& ids) {
  const std::string sql = absl::StrCat(
      "SELECT count(DISTINCT ticket_id) FROM ticket_events WHERE ticket_id = ANY($1::bigint[]) "
      "AND type IN (",
      kDecisionEvents, ")");
  absl::StatusOr<int64_t> n =
      pg::TransactFor<int64_t>(pool, [&](pqxx::work& tx) -> absl::StatusOr<int64_t> {
        return tx.exec_params1(sql, ids)[0].as<int64_t>();
      });
  if (!n.ok()) Fail(n.status().ToString());
  return *n;
}

// Unix seconds; 0 = unknown.
struct Routed {
  double created = 0;  // ticket.created: occurred_at, in intake's transaction
  // The event routing acted on (the acceptance, or the emergency referral): its consumed_at for
  // routing's group (start of the batch transaction). Routing skips the events it does not act on
  // without a transaction, so they have no row there.
  double consumed = 0;
  std::string type;  // the first routing decision event, "" if none
  double decided = 0;
};

// By ticket number: when it was created and when (and how) routing first decided it.
absl::flat_hash_map<std::string, Routed> ReadRouted(
    pg::PgPool& pool, const absl::flat_hash_map<int64_t, std::string>& numbers,
    const std::string& ids) {
  const std::string sql = absl::StrCat(
      "SELECT e.ticket_id, e.type, extract(epoch FROM e.occurred_at)::float8, "
      "extract(epoch FROM c.consumed_at)::float8 "
      "FROM ticket_events e LEFT JOIN consumed_events c "
      "ON c.consumer_group = 'routing' AND c.event_id = e.event_id "
      "WHERE e.ticket_id = ANY($1::bigint[]) AND e.type IN ('ticket.created', "
      "'ticket.state_changed', 'intake.emergency_referred', ",
      kDecisionEvents, ")");
  absl::flat_hash_map<std::string, Routed> routed;
  absl::Status s = pg::Transact(pool, [&](pqxx::work& tx) {
    for (const auto& row : tx.exec_params(sql, ids)) {
      Routed& r = routed[numbers.at(row[0].as<int64_t>())];
      const std::string type = row[1].as<std::string>();
      const double at = row[2].as<double>();
      if (type == "ticket.created") r.created = at;
      if (type == "ticket.created" || type == "ticket.state_changed" ||
          type == "intake.emergency_referred") {
        const double consumed = row[3].is_null() ? 0 : row[3].as<double>();
        if (consumed > 0 && (r.consumed == 0 || consumed < r.consumed)) r.consumed = consumed;
      } else if (r.type.empty() || at < r.decided) {
        r.type = type;
        r.decided = at;
      }
    }
    return absl::OkStatus();
  });
  if (!s.ok()) Fail(s.ToString());
  return routed;
}

double UnixSeconds(absl::Time t) { return absl::ToUnixMicros(t) / 1e6; }

void PrintPercentiles(const char* what, std::vector<double>& ms) {
  std::sort(ms.begin(), ms.end());
  std::printf("%-18s p50 %7.1f  p90 %7.1f  p99 %7.1f  p99.9 %7.1f  max %7.1f ms  (%zu)\n", what,
              Percentile(ms, 0.5), Percentile(ms, 0.9), Percentile(ms, 0.99), Percentile(ms, 0.999),
              ms.empty() ? 0.0 : ms.back(), ms.size());
}

}  // namespace

LatencyResult RunLatency(const LatencyOptions& options) {
  LatencyResult result;
  const std::string instance =
      options.env.count("INSTANCE_ID") ? options.env.at("INSTANCE_ID") : "53";
  const std::vector<std::string> villages = VillageCodes(options.sample_units, instance);
  std::printf(
      "offered           %.0f tickets/s for %s = %lld tickets, %d clients, open loop, to %s\n"
      "                  (instance %s: %zu sample village codes x %zu categories, complaints and "
      "help requests)\n",
      options.rate, absl::FormatDuration(options.duration).c_str(),
      static_cast<long long>(options.rate * absl::ToDoubleSeconds(options.duration)),
      options.clients, options.env.at("INTAKE_ADDR").c_str(), instance.c_str(), villages.size(),
      std::size(kCategories));

  int64_t failed = 0;
  std::string first_error;
  double seconds = 0;
  std::vector<Sent> sent = Submit(options, villages, &failed, &first_error, &seconds);
  const absl::Time submitted = absl::Now();
  result.achieved_rate = sent.size() / seconds;
  std::vector<double> rpc_ms;
  std::vector<std::string> numbers;
  int64_t accepted = 0;
  for (const Sent& s : sent) {
    rpc_ms.push_back(absl::ToDoubleMilliseconds(s.answered - s.scheduled));
    numbers.push_back(s.number);
    accepted += s.decision == v1::SCOPE_DECISION_ACCEPTED;
  }
  std::printf(
      "submitted         %zu ok, %lld failed in %.1f s = %.0f tickets/s achieved; %lld "
      "accepted by intake%s%s\n",
      sent.size(), static_cast<long long>(failed), seconds, result.achieved_rate,
      static_cast<long long>(accepted),
      first_error.empty() ? "" : "; first error: ", first_error.c_str());
  PrintPercentiles("SubmitTicket rpc", rpc_ms);

  pg::PgPoolOptions pool_options;
  pool_options.url = options.env.at("PG_URL");
  pool_options.size = 1;
  pool_options.statement_timeout = absl::Minutes(1);
  pg::PgPool pool(pool_options);
  const absl::flat_hash_map<int64_t, std::string> by_id = TicketIds(pool, numbers);
  std::vector<int64_t> id_list;
  for (const auto& [id, number] : by_id) id_list.push_back(id);
  const std::string literal = pg::IntArrayLiteral(id_list);
  int64_t decided = 0, last = -1;
  absl::Time progressed = absl::Now();
  const absl::Time deadline = submitted + options.catch_up;
  while ((decided = CountDecided(pool, literal)) < accepted && absl::Now() < deadline &&
         absl::Now() - progressed < absl::Seconds(30)) {
    if (decided != last) progressed = absl::Now();
    last = decided;
    absl::SleepFor(absl::Milliseconds(200));
  }
  std::printf(
      "caught up         routing had decided %lld of %lld accepted tickets %.1f s after the "
      "last submit\n",
      static_cast<long long>(decided), static_cast<long long>(accepted),
      absl::ToDoubleSeconds(absl::Now() - submitted));

  const absl::flat_hash_map<std::string, Routed> routed = ReadRouted(pool, by_id, literal);
  std::vector<double> e2e_ms, intake_ms, stream_ms, batch_ms;
  int64_t queued = 0, transferred = 0, undecided = 0;
  for (const Sent& s : sent) {
    auto it = routed.find(s.number);
    if (it == routed.end() || it->second.type.empty()) {
      undecided += s.decision == v1::SCOPE_DECISION_ACCEPTED;
      continue;
    }
    const Routed& r = it->second;
    if (r.type == "routing.queued_for_manual_dispatch") ++queued;
    if (r.type == "routing.transferred_out") ++transferred;
    if (r.type != "routing.dispatched") continue;
    const double due = UnixSeconds(s.scheduled);
    e2e_ms.push_back(1000 * (r.decided - due));
    intake_ms.push_back(1000 * (r.created - due));
    if (r.consumed > 0) {
      stream_ms.push_back(1000 * (r.consumed - r.created));
      batch_ms.push_back(1000 * (r.decided - r.consumed));
    }
  }
  result.dispatched = static_cast<int64_t>(e2e_ms.size());
  std::printf(
      "routing outcomes  dispatched %lld, manual queue %lld, transferred out %lld, not "
      "decided %lld\n",
      static_cast<long long>(result.dispatched), static_cast<long long>(queued),
      static_cast<long long>(transferred), static_cast<long long>(undecided));
  PrintPercentiles("submit->DISPATCHED", e2e_ms);
  std::printf(
      "                  (from the client's scheduled send time to ticket_events.occurred_at of "
      "routing.dispatched,\n"
      "                  which the service takes inside the dispatching transaction just before "
      "commit)\n");
  std::printf("where the time goes, per ticket (each line's percentiles taken on its own):\n");
  PrintPercentiles("  submit->created", intake_ms);
  std::printf(
      "                  intake: the RPC until ticket.created's occurred_at in its transaction\n");
  PrintPercentiles("  ->routing tx", stream_ms);
  std::printf(
      "                  intake's outbox relay, then the stream, until routing's consumer began "
      "the transaction that took it (consumed_at)\n");
  PrintPercentiles("  ->DISPATCHED", batch_ms);
  std::printf("                  inside that batch transaction until this ticket's dispatch\n");
  std::vector<double> copy = e2e_ms;
  result.p50_ms = Percentile(copy, 0.5);
  result.p99_ms = Percentile(copy, 0.99);
  return result;
}

}  // namespace hotline::bench
