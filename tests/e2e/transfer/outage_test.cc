// The province's transfer process stopped for 30 s while 500 transfers 5301 → 53 → 5303 are in
// flight, then restarted on the same ports: every ticket arrives exactly once and every status
// update exactly once (rows counted at each end); injected duplicates and out-of-order updates
// change nothing; a ticket outside the receiver's jurisdiction is refused. Runs alone (it stops a
// process of the shared federation) and leaves the federation as it found it.
#include <grpcpp/create_channel.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "hotline/intake/v1/intake.grpc.pb.h"
#include "hotline/transfer/v1/transfer.grpc.pb.h"
#include "services/provincial-transfer/api/peer_tls.h"
#include "tests/e2e/transfer/federation_process.h"
#include "tests/support/core/env_file.h"
#include "tests/support/test_env.h"

namespace hotline::transfer {
namespace {

namespace common = hotline::common::v1;
namespace intake = hotline::intake::v1;
using ::hotline::testing::PollUntil;
using ::hotline::testing::UniqueName;

constexpr int kTransfers = 500;
constexpr absl::Duration kOutage = absl::Seconds(30);

std::string FederationDir() {
  const char* dir = std::getenv("HOTLINE_TEST_FEDERATION");
  if (dir == nullptr) FAIL("HOTLINE_TEST_FEDERATION is not set");
  return dir;
}

std::map<std::string, std::string> Endpoints(const std::string& code) {
  auto env = support::ReadEnvFile(FederationDir() + "/" + code + "/endpoints.env");
  if (env.empty()) FAIL("no endpoints.env for instance " + code);
  return env;
}

// One value of one query with a text[] parameter ("" on no row or error).
std::string Query(const std::string& pg_url, const std::string& sql,
                  const std::vector<std::string>& numbers) {
  try {
    pqxx::connection conn(pg_url);
    pqxx::work tx(conn);
    const std::string array = "{" + absl::StrJoin(numbers, ",") + "}";
    const pqxx::result r = tx.exec_params(sql, array);
    return r.empty() || r[0][0].is_null() ? "" : r[0][0].c_str();
  } catch (const std::exception&) {
    return "";
  }
}
int64_t Count(const std::string& pg_url, const std::string& sql,
              const std::vector<std::string>& numbers) {
  const std::string value = Query(pg_url, sql, numbers);
  return value.empty() ? -1 : std::stoll(value);
}

std::unique_ptr<grpc::ClientContext> As(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  context->AddMetadata("authorization", "Bearer " + token);
  return context;
}

// `count` tickets about Qujing taken at Kunming, from several callers at once; their numbers.
std::vector<std::string> SubmitAtKunming(int count, int threads) {
  const auto kunming = Endpoints("5301");
  auto channel = grpc::CreateChannel(kunming.at("INTAKE_ADDR"), grpc::InsecureChannelCredentials());
  std::mutex mu;
  std::vector<std::string> numbers;
  std::vector<std::thread> callers;
  const std::string run = UniqueName("outage");
  for (int t = 0; t < threads; ++t) {
    callers.emplace_back([&, t] {
      auto stub = intake::Intake::NewStub(channel);
      for (int i = t; i < count; i += threads) {
        intake::SubmitTicketRequest r;
        r.set_idempotency_key(absl::StrCat(run, "-", i));
        r.set_channel(common::CHANNEL_PHONE);
        r.set_source_line(common::SOURCE_LINE_12345);
        r.set_kind(common::TICKET_KIND_COMPLAINT);
        r.set_urgency(common::URGENCY_NORMAL);
        r.set_category("public-utilities/water");
        r.set_region_code("530302001");
        r.set_address("曲靖市麒麟区");
        r.mutable_caller()->set_name("王五");
        r.mutable_caller()->set_phone("13900000001");
        r.set_content(absl::StrCat("停水 ", run, " ", i));
        intake::SubmitTicketResponse submitted;
        // Over the front end's rate limit, a caller tries again (the idempotency key makes it
        // one ticket); one that never goes through is counted below.
        const bool taken = PollUntil(
            absl::Seconds(60),
            [&] {
              return stub
                  ->SubmitTicket(As(kunming.at("HOTLINE_TOKEN_FRONTEND")).get(), r, &submitted)
                  .ok();
            },
            absl::Milliseconds(50));
        if (!taken) continue;
        std::lock_guard<std::mutex> lock(mu);
        numbers.push_back(submitted.ticket_number());
      }
    });
  }
  for (std::thread& c : callers) c.join();
  return numbers;
}

// Delivers one envelope to `to`'s peer port with `from`'s certificate.
grpc::Status DeliverAs(const std::string& from, const std::string& to,
                       const v1::PeerEnvelope& envelope, v1::DeliverResponse* response) {
  const std::string ca = FederationDir() + "/ca";
  auto credentials =
      PeerChannelCredentials({ca + "/" + from + ".pem", ca + "/" + from + ".key", ca + "/ca.pem"});
  REQUIRE(credentials.ok());
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride(to + ".transfer.hotline.test");
  auto stub = v1::TransferPeer::NewStub(
      grpc::CreateCustomChannel(Endpoints(to).at("TRANSFER_PEER_ADDR"), *credentials, args));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  v1::DeliverRequest request;
  *request.mutable_envelope() = envelope;
  return stub->Deliver(&context, request, response);
}

// Rows at each end, for the tickets taken at Kunming (`numbers`).
constexpr char kAtProvince[] =
    "SELECT count(*) FROM transfer_links WHERE received_from = '5301' "
    "AND origin_ticket_number = ANY($1::text[])";
constexpr char kAtQujingDispatched[] =
    "SELECT count(*) FROM transfer_links l JOIN tickets t ON t.id = l.ticket_id "
    "WHERE l.received_from = '53' AND l.first_ticket_number = ANY($1::text[]) "
    "AND t.state = 'DISPATCHED'";
constexpr char kAtQujing[] =
    "SELECT count(*) FROM transfer_links WHERE received_from = '53' "
    "AND first_ticket_number = ANY($1::text[])";
// Kunming's record of what happened remotely: 53 accepted, 5303 accepted, 5303 dispatched.
constexpr char kUpdatesAtKunming[] =
    "SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id "
    "WHERE t.number = ANY($1::text[]) AND e.type = 'transfer.remote_update'";
constexpr char kTicketsWithThreeUpdates[] =
    "SELECT count(*) FROM (SELECT e.ticket_id FROM ticket_events e JOIN tickets t ON "
    "t.id = e.ticket_id WHERE t.number = ANY($1::text[]) AND e.type = 'transfer.remote_update' "
    "GROUP BY e.ticket_id HAVING count(*) = 3) x";
// The province's record of Qujing's updates (accepted, dispatched) on its own tickets.
constexpr char kUpdatesAtProvince[] =
    "SELECT count(*) FROM ticket_events e JOIN transfer_links l ON l.ticket_id = e.ticket_id "
    "WHERE l.received_from = '5301' AND l.origin_ticket_number = ANY($1::text[]) "
    "AND e.type = 'transfer.remote_update'";

TEST_CASE("The province stopped for 30 s with 500 transfers in flight: each arrives once",
          "[federation][outage]") {
  const auto kunming = Endpoints("5301");
  const auto province = Endpoints("53");
  const auto qujing = Endpoints("5303");
  absl::StatusOr<testing::FederationService> province_transfer =
      testing::FederationService::Of(FederationDir(), "53", "hotline-transfer");
  REQUIRE(province_transfer.ok());

  // Submit in the background; stop the province once the first transfers have reached it.
  std::vector<std::string> numbers;
  std::thread submitting([&] { numbers = SubmitAtKunming(kTransfers, 8); });
  const int64_t before = Count(province.at("PG_URL"),
                               "SELECT count(*) FROM transfer_links WHERE received_from = '5301' "
                               "AND $1::text[] IS NOT NULL",
                               {});
  const bool some_arrived = PollUntil(absl::Seconds(60), [&] {
    return Count(province.at("PG_URL"),
                 "SELECT count(*) FROM transfer_links WHERE received_from = '5301' "
                 "AND $1::text[] IS NOT NULL",
                 {}) >= before + 25;
  });
  REQUIRE(province_transfer->Stop().ok());
  const absl::Time stopped = absl::Now();
  submitting.join();
  REQUIRE(some_arrived);
  REQUIRE(numbers.size() == static_cast<size_t>(kTransfers));
  // The outage itself: nothing to wait for, the province is simply away this long.
  absl::SleepFor(kOutage - (absl::Now() - stopped));
  REQUIRE(province_transfer->Start().ok());

  // Everything drains: dispatched at Qujing, and Kunming has heard of it.
  const bool drained = PollUntil(absl::Seconds(120), [&] {
    return Count(qujing.at("PG_URL"), kAtQujingDispatched, numbers) == kTransfers &&
           Count(kunming.at("PG_URL"), kUpdatesAtKunming, numbers) == 3 * kTransfers;
  });
  INFO("at the province " << Count(province.at("PG_URL"), kAtProvince, numbers)
                          << ", dispatched at Qujing "
                          << Count(qujing.at("PG_URL"), kAtQujingDispatched, numbers)
                          << ", updates at Kunming "
                          << Count(kunming.at("PG_URL"), kUpdatesAtKunming, numbers));
  REQUIRE(drained);

  auto exactly_once = [&] {
    CHECK(Count(province.at("PG_URL"), kAtProvince, numbers) == kTransfers);
    CHECK(Count(qujing.at("PG_URL"), kAtQujing, numbers) == kTransfers);
    CHECK(Count(kunming.at("PG_URL"), kUpdatesAtKunming, numbers) == 3 * kTransfers);
    CHECK(Count(kunming.at("PG_URL"), kTicketsWithThreeUpdates, numbers) == kTransfers);
    CHECK(Count(province.at("PG_URL"), kUpdatesAtProvince, numbers) == 2 * kTransfers);
  };
  exactly_once();
  // Nothing left behind or given up on at either sender.
  CHECK(Count(kunming.at("PG_URL"),
              "SELECT count(*) FROM transfer_outbox o JOIN tickets t ON t.id = o.ticket_id "
              "WHERE t.number = ANY($1::text[]) AND o.state <> 1",
              numbers) == 0);

  // A duplicate of a ticket Kunming sent: the province's first answer, nothing new.
  const std::string first = numbers[0];
  const std::string at_province =
      Query(province.at("PG_URL"),
            "SELECT t.number FROM transfer_links l JOIN tickets t ON t.id = l.ticket_id "
            "WHERE l.received_from = '5301' AND l.origin_ticket_number = ($1::text[])[1]",
            {first});
  REQUIRE_FALSE(at_province.empty());
  v1::PeerEnvelope ticket;
  ticket.set_origin_instance("5301");
  ticket.set_origin_ticket_number(first);
  ticket.set_sequence(1);
  ticket.set_destination_instance("53");
  ticket.mutable_ticket()->mutable_ticket()->mutable_region()->set_code("530302001");
  v1::DeliverResponse answer;
  grpc::Status status = DeliverAs("5301", "53", ticket, &answer);
  INFO(status.error_message());
  REQUIRE(status.ok());
  CHECK(answer.duplicate());
  CHECK(answer.ticket_number() == at_province);

  // An old update again (the province's acceptance, sequence 1), and one from the future
  // (sequence 9, its predecessors never sent): the first is a duplicate, the second is held.
  v1::PeerEnvelope stale;
  stale.set_origin_instance("53");
  stale.set_origin_ticket_number(at_province);
  stale.set_sequence(1);
  stale.set_destination_instance("5301");
  stale.set_in_reply_to_ticket_number(first);
  stale.mutable_status_update()->set_remote_ticket_number(at_province);
  stale.mutable_status_update()->mutable_accepted();
  status = DeliverAs("53", "5301", stale, &answer);
  REQUIRE(status.ok());
  CHECK(answer.duplicate());
  v1::PeerEnvelope ahead = stale;
  ahead.set_sequence(9);
  ahead.mutable_status_update()->mutable_closed();
  status = DeliverAs("53", "5301", ahead, &answer);
  REQUIRE(status.ok());
  CHECK(answer.outcome() == v1::DELIVERY_OUTCOME_HELD);
  exactly_once();
  CHECK(Query(kunming.at("PG_URL"), "SELECT state FROM tickets WHERE number = ($1::text[])[1]",
              {first}) == "TRANSFERRED_OUT");
}

TEST_CASE("A ticket outside the receiver's jurisdiction is refused by it", "[federation]") {
  // The province may send Qujing only Qujing's places: a Kunming place is not for it.
  v1::PeerEnvelope ticket;
  ticket.set_origin_instance("53");
  ticket.set_origin_ticket_number("53-20261207-" + UniqueName("x").substr(0, 6));
  ticket.set_sequence(1);
  ticket.set_destination_instance("5303");
  ticket.mutable_ticket()->mutable_ticket()->mutable_region()->set_code("530102001");
  v1::DeliverResponse answer;
  const grpc::Status status = DeliverAs("53", "5303", ticket, &answer);
  CHECK(status.error_code() == grpc::StatusCode::PERMISSION_DENIED);
  // Addressed to another instance: refused as well.
  ticket.set_destination_instance("5301");
  ticket.mutable_ticket()->mutable_ticket()->mutable_region()->set_code("530302001");
  CHECK(DeliverAs("53", "5303", ticket, &answer).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
}

}  // namespace
}  // namespace hotline::transfer
