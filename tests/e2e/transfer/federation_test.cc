// Three instances on loopback (`deploy/local/suite up --federation`): province 53, Kunming 5301,
// Qujing 5303. A ticket taken at Kunming about a place in Qujing travels 5301 → 53 → 5303 and is
// dispatched there; a peer without the right certificate is refused.
#include <grpcpp/create_channel.h>

#include <catch2/catch.hpp>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "hotline/intake/v1/intake.grpc.pb.h"
#include "hotline/transfer/v1/transfer.grpc.pb.h"
#include "services/provincial-transfer/api/peer_tls.h"
#include "tests/e2e/transfer/federation_support.h"
#include "tests/support/test_env.h"

namespace hotline::transfer {
namespace {

namespace common = hotline::common::v1;
namespace intake = hotline::intake::v1;
using ::hotline::testing::PollUntil;
using ::hotline::testing::UniqueName;
using testing::As;
using testing::Endpoints;
using testing::FederationDir;
using testing::Query;

TEST_CASE("A ticket taken at Kunming about Qujing ends dispatched to a Qujing unit",
          "[federation]") {
  const auto kunming = Endpoints("5301");
  const auto province = Endpoints("53");
  const auto qujing = Endpoints("5303");
  auto stub = intake::Intake::NewStub(
      grpc::CreateChannel(kunming.at("INTAKE_ADDR"), grpc::InsecureChannelCredentials()));
  intake::SubmitTicketRequest r;
  r.set_idempotency_key(UniqueName("federation"));
  r.set_channel(common::CHANNEL_PHONE);
  r.set_source_line(common::SOURCE_LINE_12345);
  r.set_kind(common::TICKET_KIND_COMPLAINT);
  r.set_urgency(common::URGENCY_NORMAL);
  r.set_category("public-utilities/water");
  r.set_region_code("530302001");  // 麒麟区, 曲靖
  r.set_address("曲靖市麒麟区");
  r.mutable_caller()->set_name("李四");
  r.mutable_caller()->set_phone("13900000000");
  r.set_content(absl::StrCat("出差期间住处停水三天 ", UniqueName("n")));
  intake::SubmitTicketResponse submitted;
  const grpc::Status status =
      stub->SubmitTicket(As(kunming.at("HOTLINE_TOKEN_FRONTEND")).get(), r, &submitted);
  INFO(status.error_message());
  REQUIRE(status.ok());
  const std::string number = submitted.ticket_number();

  // Kunming lets it go to the province, the province to Qujing: a ticket at each hop.
  const std::string at_province_sql =
      "SELECT t.number FROM transfer_links l JOIN tickets t ON t.id = l.ticket_id "
      "WHERE l.received_from = '5301' AND l.origin_ticket_number = $1";
  std::string province_number;
  REQUIRE(PollUntil(absl::Seconds(60), [&] {
    province_number = Query(province.at("PG_URL"), at_province_sql, number);
    return !province_number.empty();
  }));
  const std::string at_qujing_sql =
      "SELECT t.state FROM transfer_links l JOIN tickets t ON t.id = l.ticket_id "
      "WHERE l.received_from = '53' AND l.origin_ticket_number = $1";
  REQUIRE(PollUntil(absl::Seconds(60), [&] {
    return Query(qujing.at("PG_URL"), at_qujing_sql, province_number) == "DISPATCHED";
  }));
  const std::string lead_sql =
      "SELECT a.unit_id FROM transfer_links l JOIN routing_assignments a ON a.ticket_id = "
      "l.ticket_id WHERE l.received_from = '53' AND l.origin_ticket_number = $1 AND a.role = 1";
  CHECK(Query(qujing.at("PG_URL"), lead_sql, province_number).rfind("5303", 0) == 0);
  // The first hop is remembered at Qujing, and the caller's contact arrived (audited).
  CHECK(
      Query(qujing.at("PG_URL"),
            "SELECT l.first_ticket_number FROM transfer_links l WHERE l.origin_ticket_number = $1",
            province_number) == number);
  CHECK(Query(qujing.at("PG_URL"),
              "SELECT count(*) FROM transfer_disclosures d JOIN transfer_links l ON l.ticket_id = "
              "d.ticket_id WHERE l.origin_ticket_number = $1 AND d.direction = 'received'",
              province_number) == "1");
  // Kunming sees where it went: the province's acceptance, then Qujing's acceptance and
  // dispatch, relayed hop by hop through 53.
  intake::GetTicketRequest get;
  get.set_ticket_number(number);
  intake::GetTicketResponse got;
  // The admin token reads nationwide; Kunming's own consoles are scoped to places in Kunming.
  REQUIRE(PollUntil(absl::Seconds(60), [&] {
    got.Clear();
    return stub->GetTicket(As(kunming.at("HOTLINE_TOKEN_ADMIN")).get(), get, &got).ok() &&
           got.transferred_to().remote_state() == common::TICKET_STATE_DISPATCHED;
  }));
  CHECK(got.ticket().state() == common::TICKET_STATE_TRANSFERRED_OUT);
  CHECK(got.transferred_to().sent_to() == "53");
  CHECK(got.transferred_to().handled_by() == "5303");
  CHECK(got.transferred_to().remote_ticket_number().rfind("5303-", 0) == 0);
  std::vector<std::string> remote;
  for (const intake::TimelineEntry& e : got.timeline()) {
    if (e.type() == "transfer.remote_update") {
      remote.push_back(e.remote_instance() + ":" +
                       common::TicketState_Name(e.remote_state()).substr(13));
    }
  }
  CHECK(remote == std::vector<std::string>{"53:PENDING_DISPATCH", "5303:PENDING_DISPATCH",
                                           "5303:DISPATCHED"});

  // The province never dispatched it itself.
  CHECK(Query(province.at("PG_URL"),
              "SELECT count(*) FROM routing_assignments a JOIN tickets t ON t.id = a.ticket_id "
              "WHERE t.number = $1",
              province_number) == "0");
}

// Calls Deliver on the province's peer port with the given certificate files.
grpc::Status DeliverWith(const PeerTlsFiles& files) {
  auto credentials = PeerChannelCredentials(files);
  REQUIRE(credentials.ok());
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("53.transfer.hotline.test");
  auto stub = v1::TransferPeer::NewStub(
      grpc::CreateCustomChannel(Endpoints("53").at("TRANSFER_PEER_ADDR"), *credentials, args));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  v1::DeliverRequest request;
  request.mutable_envelope()->set_origin_instance("5301");
  request.mutable_envelope()->set_destination_instance("53");
  v1::DeliverResponse response;
  return stub->Deliver(&context, request, &response);
}

TEST_CASE("A peer with a wrong certificate is refused", "[federation]") {
  const std::string ca = FederationDir() + "/ca";
  // Signed by the province CA, but for a name no instance is configured with.
  const grpc::Status stranger =
      DeliverWith({ca + "/stranger.pem", ca + "/stranger.key", ca + "/ca.pem"});
  CHECK(stranger.error_code() == grpc::StatusCode::UNAUTHENTICATED);
  CHECK(stranger.error_message() == "the certificate is not that of a configured peer");

  // Kunming's name, but from another CA: the handshake itself fails.
  const std::string other = ::hotline::testing::UniqueName("/tmp/transfer-ca-");
  const std::string make = absl::StrCat(
      "mkdir -p ", other, " && openssl req -x509 -newkey rsa:2048 -nodes -days 1 ",
      "-subj /CN=5301.transfer.hotline.test -addext subjectAltName=DNS:5301.transfer.hotline.test ",
      "-keyout ", other, "/k.pem -out ", other, "/c.pem >/dev/null 2>&1");
  REQUIRE(std::system(make.c_str()) == 0);
  const grpc::Status forged = DeliverWith({other + "/c.pem", other + "/k.pem", ca + "/ca.pem"});
  std::system(("rm -rf " + other).c_str());
  CHECK(forged.error_code() == grpc::StatusCode::UNAVAILABLE);

  // Kunming's own certificate gets past the door: an empty message is refused for what it is.
  const grpc::Status kunming = DeliverWith({ca + "/5301.pem", ca + "/5301.key", ca + "/ca.pem"});
  CHECK(kunming.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace hotline::transfer
