#include "bench/transfer/federation_client.h"

#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "hotline/intake/v1/intake.grpc.pb.h"
#include "libs/tls/dial.h"
#include "tests/support/core/env_file.h"
#include "tests/support/core/fail.h"

namespace hotline::bench {
namespace {

namespace common = hotline::common::v1;
namespace intake = hotline::intake::v1;

int64_t CountOn(const std::string& url, const std::string& sql) {
  pqxx::connection conn(url);
  pqxx::nontransaction tx(conn);
  return tx.exec1(sql)[0].as<int64_t>();
}

}  // namespace

Federation::Federation(std::string dir) : dir_(std::move(dir)) {
  for (const char* code : {"53", "5301", "5303"}) {
    endpoints_[code] = support::ReadEnvFile(absl::StrCat(dir_, "/", code, "/endpoints.env"));
    if (endpoints_[code].empty()) {
      support::Fail(
          absl::StrCat("no ", dir_, "/", code,
                       "/endpoints.env: start `deploy/local/suite up --federation` first"));
    }
  }
}

std::string Federation::PgUrl(const std::string& code) const {
  return endpoints_.at(code).at("PG_URL");
}

std::string Federation::SubmitAtKunming(const std::string& key) const {
  // One channel for the whole run: gRPC spreads the calls of many threads over it.
  // Over TLS when the federation runs with --tls (its endpoints.env names the CA).
  static const std::shared_ptr<grpc::Channel> channel = [&] {
    const std::map<std::string, std::string>& kunming = endpoints_.at("5301");
    tls::ClientTls client;
    if (auto ca = kunming.find("TLS_CA"); ca != kunming.end()) client.ca = ca->second;
    return support::ValueOrFail(tls::Dial(kunming.at("INTAKE_ADDR"), client));
  }();
  auto stub = intake::Intake::NewStub(channel);
  intake::SubmitTicketRequest r;
  r.set_idempotency_key(key);
  r.set_channel(common::CHANNEL_PHONE);
  r.set_source_line(common::SOURCE_LINE_12345);
  r.set_kind(common::TICKET_KIND_COMPLAINT);
  r.set_urgency(common::URGENCY_NORMAL);
  r.set_category("public-utilities/water");
  r.set_region_code("530302001");
  r.set_address("曲靖市麒麟区");
  r.mutable_caller()->set_name("压测");
  r.mutable_caller()->set_phone("13900000002");
  r.set_content(absl::StrCat("停水 ", key));
  intake::SubmitTicketResponse submitted;
  // Over the front end's rate limit (start the federation with HOTLINE_RATE_LIMITS=off to lift
  // it), try again: the idempotency key makes it one ticket.
  for (int attempt = 0; attempt < 200; ++attempt) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    context.AddMetadata("authorization",
                        "Bearer " + endpoints_.at("5301").at("HOTLINE_TOKEN_FRONTEND"));
    const grpc::Status status = stub->SubmitTicket(&context, r, &submitted);
    if (status.ok()) return submitted.ticket_number();
    if (status.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED) return "";
    absl::SleepFor(absl::Milliseconds(20));
  }
  return "";
}

int64_t Federation::ArrivedAtQujing() const {
  return CountOn(PgUrl("5303"), "SELECT count(*) FROM transfer_links WHERE received_from = '53'");
}

int64_t Federation::PendingAtKunming() const {
  return CountOn(PgUrl("5301"),
                 "SELECT count(*) FROM transfer_outbox WHERE peer = '53' AND state = 0");
}

std::map<std::string, absl::Time> Federation::DispatchedAtQujing(
    const std::vector<std::string>& numbers) const {
  pqxx::connection conn(PgUrl("5303"));
  pqxx::nontransaction tx(conn);
  const pqxx::result rows = tx.exec_params(
      "SELECT l.first_ticket_number, floor(extract(epoch FROM min(e.occurred_at)) * 1000000)"
      "::bigint FROM transfer_links l JOIN ticket_events e ON e.ticket_id = l.ticket_id "
      "AND e.type = 'routing.dispatched' WHERE l.received_from = '53' "
      "AND l.first_ticket_number = ANY($1::text[]) GROUP BY 1",
      "{" + absl::StrJoin(numbers, ",") + "}");
  std::map<std::string, absl::Time> out;
  for (const pqxx::row& r : rows) {
    out[r[0].c_str()] = absl::FromUnixMicros(r[1].as<int64_t>());
  }
  return out;
}

}  // namespace hotline::bench
