// What happens to a ticket after it left its origin, across three real instances: the handling
// side's reply reaches the agent at Kunming, a supplement follows the ticket to Qujing exactly
// once, and the caller's withdrawal at Kunming recalls it from 53 and 5303, each acknowledging.
#include <grpcpp/create_channel.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include "absl/strings/str_cat.h"
#include "hotline/intake/v1/intake.grpc.pb.h"
#include "hotline/routing/v1/routing.grpc.pb.h"
#include "tests/e2e/transfer/federation_support.h"
#include "tests/support/test_env.h"

namespace hotline::transfer {
namespace {

namespace common = hotline::common::v1;
namespace intake = hotline::intake::v1;
namespace routing = hotline::routing::v1;
using ::hotline::testing::PollUntil;
using ::hotline::testing::UniqueName;
using testing::As;
using testing::Endpoints;
using testing::kLeadSql;
using testing::kReceivedSql;
using testing::kStateSql;
using testing::MakeToken;
using testing::Query;
using testing::WaitReceived;

// Messages of a ticket still waiting in its instance's outbox.
constexpr char kPendingSql[] =
    "SELECT count(*) FROM transfer_outbox o JOIN tickets t ON t.id = o.ticket_id "
    "WHERE t.number = $1 AND o.state = 0";

struct Federation {
  std::map<std::string, std::string> kunming = Endpoints("5301");
  std::map<std::string, std::string> province = Endpoints("53");
  std::map<std::string, std::string> qujing = Endpoints("5303");
  std::unique_ptr<intake::Intake::Stub> kunming_intake = intake::Intake::NewStub(
      grpc::CreateChannel(kunming.at("INTAKE_ADDR"), grpc::InsecureChannelCredentials()));
  // The hotline office at Kunming, reaching the tickets it took about other prefectures too.
  std::string kunming_office =
      MakeToken(kunming.at("PG_URL"), "supervisor", "53", UniqueName("kunming-office"));

  // A ticket taken at Kunming about a place in Qujing, followed until Qujing dispatched it.
  struct Hops {
    std::string kunming, province, qujing;
  };
  Hops TakenAndDispatchedAtQujing(const std::string& content) {
    intake::SubmitTicketRequest r;
    r.set_idempotency_key(UniqueName("after-forwarding"));
    r.set_channel(common::CHANNEL_PHONE);
    r.set_source_line(common::SOURCE_LINE_12345);
    r.set_kind(common::TICKET_KIND_COMPLAINT);
    r.set_urgency(common::URGENCY_NORMAL);
    r.set_category("public-utilities/water");
    r.set_region_code("530302001");
    r.set_address("曲靖市麒麟区");
    r.mutable_caller()->set_name("王五");
    r.mutable_caller()->set_phone("13900001111");
    r.set_content(content);
    intake::SubmitTicketResponse submitted;
    const grpc::Status status =
        kunming_intake->SubmitTicket(As(kunming.at("HOTLINE_TOKEN_FRONTEND")).get(), r, &submitted);
    INFO(status.error_message());
    REQUIRE(status.ok());
    Hops hops{submitted.ticket_number(), "", ""};
    hops.province = WaitReceived(province.at("PG_URL"), hops.kunming);
    REQUIRE(PollUntil(absl::Seconds(60), [&] {
      hops.qujing = Query(qujing.at("PG_URL"), kReceivedSql, hops.province);
      return !hops.qujing.empty() &&
             Query(qujing.at("PG_URL"), kStateSql, hops.qujing) == "DISPATCHED";
    }));
    return hops;
  }

  // Kunming's full view of its ticket.
  intake::GetTicketResponse AtKunming(const std::string& number) {
    intake::GetTicketRequest get;
    get.set_ticket_number(number);
    intake::GetTicketResponse got;
    const grpc::Status status = kunming_intake->GetTicket(As(kunming_office).get(), get, &got);
    INFO(status.error_message());
    CHECK(status.ok());
    return got;
  }

  // Its remote entries at Kunming: "instance:STATE".
  std::vector<std::string> RemoteEntries(const std::string& number) {
    std::vector<std::string> remote;
    const intake::GetTicketResponse got = AtKunming(number);
    for (const intake::TimelineEntry& e : got.timeline()) {
      if (e.type() != "transfer.remote_update") continue;
      remote.push_back(e.remote_instance() + ":" +
                       common::TicketState_Name(e.remote_state()).substr(13));
    }
    return remote;
  }
};

bool Has(const std::vector<std::string>& all, const std::string& one) {
  return std::find(all.begin(), all.end(), one) != all.end();
}

TEST_CASE("The reply given at Qujing reaches the agent at Kunming", "[federation]") {
  Federation f;
  const Federation::Hops hops =
      f.TakenAndDispatchedAtQujing(absl::StrCat("小区停水两天 ", UniqueName("reply")));
  const std::string unit = Query(f.qujing.at("PG_URL"), kLeadSql, hops.qujing);
  const std::string assignment =
      Query(f.qujing.at("PG_URL"),
            "SELECT a.id FROM routing_assignments a JOIN tickets t ON t.id = a.ticket_id "
            "WHERE t.number = $1 AND a.role = 1",
            hops.qujing);
  REQUIRE(unit.rfind("5303", 0) == 0);
  const std::string unit_token =
      MakeToken(f.qujing.at("PG_URL"), "unit", unit.substr(0, unit.find('-')), unit);
  auto qujing_routing = routing::Routing::NewStub(
      grpc::CreateChannel(f.qujing.at("ROUTING_ADDR"), grpc::InsecureChannelCredentials()));
  routing::SignForRequest sign;
  sign.set_assignment_id(std::stoll(assignment));
  routing::SignForResponse signed_for;
  grpc::Status status = qujing_routing->SignFor(As(unit_token).get(), sign, &signed_for);
  INFO(status.error_message());
  REQUIRE(status.ok());
  const std::string reply = absl::StrCat("管网抢修完毕，已恢复供水 ", UniqueName("r"));
  routing::SubmitReplyRequest answer;
  answer.set_assignment_id(std::stoll(assignment));
  answer.set_content(reply);
  routing::SubmitReplyResponse replied;
  status = qujing_routing->SubmitReply(As(unit_token).get(), answer, &replied);
  INFO(status.error_message());
  REQUIRE(status.ok());

  // Kunming's timeline: Qujing's reply, with its text, relayed through 53.
  intake::TimelineEntry entry;
  REQUIRE(PollUntil(absl::Seconds(60), [&] {
    const intake::GetTicketResponse got = f.AtKunming(hops.kunming);
    for (const intake::TimelineEntry& e : got.timeline()) {
      if (e.type() == "transfer.remote_update" && e.remote_state() == common::TICKET_STATE_REPLIED)
        entry = e;
    }
    return entry.remote_state() == common::TICKET_STATE_REPLIED;
  }));
  CHECK(entry.remote_instance() == "5303");
  CHECK(entry.remote_ticket_number() == hops.qujing);
  CHECK(entry.remote_reply() == reply);
  // Where it went now shows the reply, or what followed it (a reply closes this ticket at Qujing).
  const common::TicketState remote = f.AtKunming(hops.kunming).transferred_to().remote_state();
  CHECK((remote == common::TICKET_STATE_REPLIED || remote == common::TICKET_STATE_CLOSED));
  // Kept at Kunming (and 53) with the ticket's texts, sealed: no clear text in the tables.
  for (const auto* at : {&f.kunming, &f.province}) {
    CHECK(Query(at->at("PG_URL"),
                "SELECT count(*) FROM ticket_texts x JOIN tickets t ON t.id = x.ticket_id "
                "WHERE t.number = $1 AND x.kind = 'remote_reply' AND x.body = '' AND "
                "x.sealed IS NOT NULL",
                at == &f.kunming ? hops.kunming : hops.province) == "1");
  }
  // A masked reader sees the entry without the text.
  intake::GetTicketRequest get;
  get.set_ticket_number(hops.kunming);
  intake::GetTicketResponse masked;
  REQUIRE(f.kunming_intake->GetTicket(As(f.kunming.at("HOTLINE_TOKEN_ADMIN")).get(), get, &masked)
              .ok());
  for (const intake::TimelineEntry& e : masked.timeline()) CHECK(e.remote_reply().empty());
}

TEST_CASE("A supplement follows the ticket once, and a withdrawal recalls it", "[federation]") {
  Federation f;
  const Federation::Hops hops =
      f.TakenAndDispatchedAtQujing(absl::StrCat("楼道水管漏水 ", UniqueName("recall")));

  // 补充材料 at Kunming after the ticket left: it shows on Qujing's ticket, once.
  const std::string more = absl::StrCat("漏水已经流到楼下 ", UniqueName("s"));
  intake::AddSupplementRequest add;
  add.set_ticket_number(hops.kunming);
  add.set_content(more);
  hotline::common::v1::AttachmentRef* photo = add.add_attachments();
  photo->set_uri("oss://hotline-5301/supplements/leak-downstairs.jpg");
  photo->set_media_type("image/jpeg");
  photo->set_size_bytes(120334);
  intake::AddSupplementResponse added;
  grpc::Status status = f.kunming_intake->AddSupplement(As(f.kunming_office).get(), add, &added);
  INFO(status.error_message());
  REQUIRE(status.ok());
  auto qujing_intake = intake::Intake::NewStub(
      grpc::CreateChannel(f.qujing.at("INTAKE_ADDR"), grpc::InsecureChannelCredentials()));
  const std::string qujing_office =
      MakeToken(f.qujing.at("PG_URL"), "supervisor", "5303", UniqueName("qujing-office"));
  intake::GetTicketRequest get;
  get.set_ticket_number(hops.qujing);
  intake::GetTicketResponse at_qujing;
  REQUIRE(PollUntil(absl::Seconds(60), [&] {
    at_qujing.Clear();
    return qujing_intake->GetTicket(As(qujing_office).get(), get, &at_qujing).ok() &&
           at_qujing.supplements_size() > 0;
  }));
  // Nothing left on its way at either hop, and still one.
  REQUIRE(PollUntil(absl::Seconds(30), [&] {
    return Query(f.kunming.at("PG_URL"), kPendingSql, hops.kunming) == "0" &&
           Query(f.province.at("PG_URL"), kPendingSql, hops.province) == "0";
  }));
  at_qujing.Clear();
  REQUIRE(qujing_intake->GetTicket(As(qujing_office).get(), get, &at_qujing).ok());
  REQUIRE(at_qujing.supplements_size() == 1);
  CHECK(at_qujing.supplements(0).content() == more);
  REQUIRE(at_qujing.supplements(0).attachments_size() == 1);  // the photo went with it
  CHECK(at_qujing.supplements(0).attachments(0).uri() ==
        "oss://hotline-5301/supplements/leak-downstairs.jpg");

  // The caller withdraws at Kunming: 53 and Qujing withdraw theirs, Qujing's unit is told.
  intake::WithdrawTicketRequest withdraw;
  withdraw.set_ticket_number(hops.kunming);
  withdraw.set_reason("已自行修好");
  intake::WithdrawTicketResponse withdrawn;
  status = f.kunming_intake->WithdrawTicket(As(f.kunming_office).get(), withdraw, &withdrawn);
  INFO(status.error_message());
  REQUIRE(status.ok());
  REQUIRE(PollUntil(absl::Seconds(60), [&] {
    return Query(f.qujing.at("PG_URL"), kStateSql, hops.qujing) == "WITHDRAWN";
  }));
  CHECK(Query(f.province.at("PG_URL"), kStateSql, hops.province) == "WITHDRAWN");
  const std::string live_parts =
      "SELECT count(*) FROM routing_assignments a JOIN tickets t ON t.id = a.ticket_id "
      "WHERE t.number = $1 AND a.state IN (1, 2)";
  const std::string running_clocks =
      "SELECT count(*) FROM supervision_clocks c JOIN tickets t ON t.id = c.ticket_id "
      "WHERE t.number = $1 AND c.state = 1";
  REQUIRE(PollUntil(absl::Seconds(30), [&] {
    return Query(f.qujing.at("PG_URL"), live_parts, hops.qujing) == "0" &&
           Query(f.qujing.at("PG_URL"), running_clocks, hops.qujing) == "0";
  }));
  CHECK(Query(f.qujing.at("PG_URL"),
              "SELECT count(*) FROM routing_assignments a JOIN tickets t ON t.id = a.ticket_id "
              "WHERE t.number = $1 AND a.state = 5",
              hops.qujing) != "0");

  // Kunming sees where the recall took effect: both acknowledgements.
  std::vector<std::string> remote;
  REQUIRE(PollUntil(absl::Seconds(60), [&] {
    remote = f.RemoteEntries(hops.kunming);
    return Has(remote, "53:WITHDRAWN") && Has(remote, "5303:WITHDRAWN");
  }));
  CHECK(f.AtKunming(hops.kunming).ticket().state() == common::TICKET_STATE_WITHDRAWN);
}

}  // namespace
}  // namespace hotline::transfer
