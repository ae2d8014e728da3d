// The local suite out of the box: the Yunnan provincial platform (53) with the sample directory.
#include <catch2/catch.hpp>

#include "absl/strings/str_cat.h"
#include "hotline/intake/v1/intake.grpc.pb.h"
#include "hotline/routing/v1/routing.grpc.pb.h"
#include "tests/support/test_env.h"

namespace hotline::routing::testing {
namespace {

namespace common = hotline::common::v1;
namespace intake = hotline::intake::v1;
using ::hotline::testing::PollUntil;
using ::hotline::testing::TestEnv;
using ::hotline::testing::UniqueName;

std::unique_ptr<grpc::ClientContext> As(const std::string& token) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  context->AddMetadata("authorization", "Bearer " + token);
  return context;
}

TEST_CASE("the local suite dispatches Kunming and hands on the rest out of the box", "[routing]") {
  const TestEnv& env = TestEnv::Get();
  if (!env.Has("ROUTING_ADDR")) FAIL("the suite did not start hotline-routing");
  auto stub = intake::Intake::NewStub(env.Dial("INTAKE_ADDR"));
  auto submit = [&](const std::string& region) {
    intake::SubmitTicketRequest r;
    r.set_idempotency_key(UniqueName("suite"));
    r.set_channel(common::CHANNEL_WEB);
    r.set_source_line(common::SOURCE_LINE_12345);
    r.set_kind(common::TICKET_KIND_COMPLAINT);
    r.set_urgency(common::URGENCY_NORMAL);
    r.set_category("public-utilities/water");
    r.set_region_code(region);
    r.set_address("地址");
    r.mutable_caller()->set_anonymous(true);
    r.set_content(absl::StrCat("小区停水三天无人处理 ", UniqueName("n")));
    intake::SubmitTicketResponse response;
    grpc::Status status =
        stub->SubmitTicket(As(env.Value("HOTLINE_TOKEN_FRONTEND")).get(), r, &response);
    INFO(status.error_message());
    REQUIRE(status.ok());
    return response.ticket_number();
  };
  auto state_of = [&](const std::string& number) {
    intake::GetTicketRequest get;
    get.set_ticket_number(number);
    intake::GetTicketResponse got;
    // The province token sees every place and the state (masked personal data is fine here).
    if (!stub->GetTicket(As(env.Value("HOTLINE_TOKEN_SUPERVISOR")).get(), get, &got).ok()) {
      return common::TICKET_STATE_UNSPECIFIED;
    }
    return got.ticket().state();
  };
  if (env.Value("INSTANCE_ID") != "53") FAIL("expected the suite's default instance 53");
  const std::string kunming = submit("530102001");  // 五华区华山街道
  const std::string unknown = submit("530102999");  // no such street in the directory
  REQUIRE(PollUntil(
      absl::Seconds(20), [&] { return state_of(kunming) == common::TICKET_STATE_DISPATCHED; },
      absl::Milliseconds(50)));
  intake::GetTicketRequest get;
  get.set_ticket_number(kunming);
  intake::GetTicketResponse got;
  REQUIRE(stub->GetTicket(As(env.Value("HOTLINE_TOKEN_SUPERVISOR")).get(), get, &got).ok());
  REQUIRE(got.handling_units_size() >= 1);
  CHECK(got.handling_units(0).role() == common::ASSIGNMENT_ROLE_LEAD);
  // Unknown place inside Yunnan: it waits for the hotline office, still pending.
  REQUIRE(PollUntil(absl::Seconds(20),
                    [&] { return state_of(unknown) == common::TICKET_STATE_PENDING_DISPATCH; }));
  // A place outside Yunnan is handed to the provincial transfer, which has no peer for it and
  // gives it back to the office ("outside the province"). The supervisor token cannot read it (it
  // is outside 53), so ask routing's explanation through the admin token instead.
  const std::string baotou = submit("150202");
  auto routing = hotline::routing::v1::Routing::NewStub(env.Dial("ROUTING_ADDR"));
  REQUIRE(PollUntil(
      absl::Seconds(20),
      [&] {
        hotline::routing::v1::ExplainRoutingRequest r;
        r.set_ticket_number(baotou);
        hotline::routing::v1::ExplainRoutingResponse explained;
        return routing->ExplainRouting(As(env.Value("HOTLINE_TOKEN_ADMIN")).get(), r, &explained)
                   .ok() &&
               explained.decisions_size() == 2 &&
               explained.decisions(0).outcome() ==
                   hotline::routing::v1::DECISION_OUTCOME_TRANSFERRED_OUT &&
               explained.decisions(1).outcome() ==
                   hotline::routing::v1::DECISION_OUTCOME_MANUAL_QUEUE &&
               explained.decisions(1).reason_code() == "transfer.outside_province";
      },
      absl::Milliseconds(50)));
}

}  // namespace
}  // namespace hotline::routing::testing
