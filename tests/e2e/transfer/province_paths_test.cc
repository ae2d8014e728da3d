// The province's own paths, across three real instances: a provincial department's matter and a
// matter of a prefecture without an instance of its own are dispatched at 53, and a ticket Qujing
// finds is not its own comes back to 53's manual queue with Qujing's reason (派单异议).
#include <grpcpp/create_channel.h>

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
using testing::Query;
using testing::WaitReceived;

// Takes a ticket at Kunming and returns its number there and at the province.
std::pair<std::string, std::string> TakeAtKunming(const std::string& category,
                                                  const std::string& region,
                                                  const std::string& content) {
  const auto kunming = Endpoints("5301");
  auto stub = intake::Intake::NewStub(
      grpc::CreateChannel(kunming.at("INTAKE_ADDR"), grpc::InsecureChannelCredentials()));
  intake::SubmitTicketRequest r;
  r.set_idempotency_key(UniqueName("province-paths"));
  r.set_channel(common::CHANNEL_PHONE);
  r.set_source_line(common::SOURCE_LINE_12345);
  r.set_kind(common::TICKET_KIND_HELP);
  r.set_urgency(common::URGENCY_NORMAL);
  r.set_category(category);
  r.set_region_code(region);
  r.set_address("云南省");
  r.mutable_caller()->set_name("赵六");
  r.mutable_caller()->set_phone("13900002222");
  r.set_content(absl::StrCat(content, " ", UniqueName("c")));
  intake::SubmitTicketResponse submitted;
  const grpc::Status status =
      stub->SubmitTicket(As(kunming.at("HOTLINE_TOKEN_FRONTEND")).get(), r, &submitted);
  INFO(status.error_message());
  REQUIRE(status.ok());
  return {submitted.ticket_number(),
          WaitReceived(Endpoints("53").at("PG_URL"), submitted.ticket_number())};
}

TEST_CASE("A provincial department's matter about a place in Kunming is handled at 53",
          "[federation]") {
  // Exit and entry (出入境) is the provincial public security department's, even for a Kunming
  // resident: Kunming sends it up, and the province does not send it back down.
  const auto [number, at_province] =
      TakeAtKunming("public-security/exit-entry", "530102001", "护照办理进度查询");
  const std::string province_pg = Endpoints("53").at("PG_URL");
  REQUIRE(PollUntil(absl::Seconds(60),
                    [&] { return Query(province_pg, kStateSql, at_province) == "DISPATCHED"; }));
  CHECK(Query(province_pg, kLeadSql, at_province) == "53-public-security");
  CHECK(Query(province_pg,
              "SELECT count(*) FROM transfer_links l JOIN tickets t ON t.id = l.ticket_id "
              "WHERE t.number = $1 AND l.sent_to <> ''",
              at_province) == "0");
  // Kunming sees it dispatched at the province.
  CHECK(PollUntil(absl::Seconds(30), [&] {
    return Query(Endpoints("5301").at("PG_URL"),
                 "SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id "
                 "WHERE t.number = $1 AND e.type = 'transfer.remote_update'",
                 number) == "2";  // accepted, dispatched
  }));
}

TEST_CASE("A matter of a prefecture without an instance is dispatched by the province",
          "[federation]") {
  // Yuxi (5304) runs no 12345 instance of its own in the federation's seed.
  const auto [number, at_province] =
      TakeAtKunming("public-utilities/water", "530402001", "玉溪亲戚家停水");
  const std::string province_pg = Endpoints("53").at("PG_URL");
  REQUIRE(PollUntil(absl::Seconds(60),
                    [&] { return Query(province_pg, kStateSql, at_province) == "DISPATCHED"; }));
  CHECK(Query(province_pg, kLeadSql, at_province) == "5304-water-supply");
  CHECK(Query(Endpoints("5303").at("PG_URL"), kReceivedSql, at_province).empty());
}

TEST_CASE("A ticket Qujing finds is not its own lands in the province's manual queue",
          "[federation]") {
  // Qujing's catalogue gives gas complaints in Qujing to a provincial department; the province's
  // does not, so it sends them to Qujing, which gives them back.
  const auto qujing = Endpoints("5303");
  auto qujing_routing = routing::Routing::NewStub(
      grpc::CreateChannel(qujing.at("ROUTING_ADDR"), grpc::InsecureChannelCredentials()));
  routing::UpsertCatalogueRuleRequest rule;
  rule.mutable_rule()->set_category_prefix("public-utilities/gas");
  rule.mutable_rule()->set_region_prefix("5303");
  rule.mutable_rule()->set_area_kind(routing::AREA_KIND_ANY);
  rule.mutable_rule()->set_tier(common::TIER_PROVINCE);
  rule.mutable_rule()->add_departments("housing-urban-rural");
  rule.mutable_rule()->set_priority(10);
  rule.mutable_rule()->set_active(true);
  rule.mutable_rule()->set_note("test: provincial gas safety supervision");
  routing::UpsertCatalogueRuleResponse upserted;
  grpc::Status status = qujing_routing->UpsertCatalogueRule(
      As(qujing.at("HOTLINE_TOKEN_ADMIN")).get(), rule, &upserted);
  INFO(status.error_message());
  REQUIRE(status.ok());
  // Routing loads the new catalogue within --directory_poll.
  REQUIRE(PollUntil(absl::Seconds(30), [&] {
    routing::GetDirectoryStatusRequest ask;
    routing::GetDirectoryStatusResponse now;
    return qujing_routing->GetDirectoryStatus(As(qujing.at("HOTLINE_TOKEN_ADMIN")).get(), ask, &now)
               .ok() &&
           now.directory_version() >= upserted.directory_version();
  }));

  const auto [number, at_province] =
      TakeAtKunming("public-utilities/gas", "530302001", "曲靖小区燃气管道漏气");
  const auto province = Endpoints("53");
  // Qujing received it, gave it back; the province queues it for its office.
  REQUIRE(PollUntil(absl::Seconds(60), [&] {
    return Query(province.at("PG_URL"), kStateSql, at_province) == "PENDING_DISPATCH";
  }));
  CHECK(Query(qujing.at("PG_URL"),
              "SELECT t.state FROM transfer_links l JOIN tickets t ON t.id = l.ticket_id "
              "WHERE l.origin_ticket_number = $1",
              at_province) == "TRANSFERRED_OUT");
  auto province_routing = routing::Routing::NewStub(
      grpc::CreateChannel(province.at("ROUTING_ADDR"), grpc::InsecureChannelCredentials()));
  routing::ListManualQueueRequest list;
  list.set_page_size(500);
  routing::ListManualQueueResponse queue;
  status = province_routing->ListManualQueue(As(province.at("HOTLINE_TOKEN_SUPERVISOR")).get(),
                                             list, &queue);
  INFO(status.error_message());
  REQUIRE(status.ok());
  const routing::ManualQueueEntry* entry = nullptr;
  for (const routing::ManualQueueEntry& e : queue.entries()) {
    if (e.ticket_number() == at_province) entry = &e;
  }
  REQUIRE(entry != nullptr);
  CHECK(entry->reason_code() == "transfer.misdirected");
  CHECK(entry->objecting_unit_id() == "5303");
  CHECK(entry->objection() == "routing.provincial_department");
  CHECK(entry->reason().find("派单异议") != std::string::npos);
}

}  // namespace
}  // namespace hotline::transfer
