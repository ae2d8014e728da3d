// Possible duplicates (重复件): detection at submission, and the supervisor's merge or unlink.
#include <catch2/catch.hpp>

#include "absl/time/clock.h"
#include "tests/e2e/intake/intake_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::intake::testing {
namespace {

namespace v1 = hotline::intake::v1;
namespace common = hotline::common::v1;
using ::hotline::testing::UniqueName;

TEST_CASE("a repeat from the same caller or place is flagged but other matters are not",
          "[intake][duplicates]") {
  IntakeFixture f;
  v1::SubmitTicketResponse first, repeat, other_matter, same_place, elsewhere;
  REQUIRE(f.Submit(f.ValidRequest(UniqueName("k")), &first).ok());
  CHECK(first.possible_duplicate_of().empty());

  auto again = f.ValidRequest(UniqueName("k"));
  again.set_content("小区从周一开始停水，已经三天了，物业说是管道维修，到现在还没恢复供水。");
  REQUIRE(f.Submit(again, &repeat).ok());
  CHECK(repeat.possible_duplicate_of() == first.ticket_number());

  auto different = f.ValidRequest(UniqueName("k"));
  different.set_content("楼下餐馆油烟很大，晚上十点以后还在营业，噪音扰民。");
  REQUIRE(f.Submit(different, &other_matter).ok());
  CHECK(other_matter.possible_duplicate_of().empty());

  auto neighbour = f.ValidRequest(UniqueName("k"));
  neighbour.mutable_caller()->set_phone("13987654321");
  neighbour.set_content("我们小区从周一开始停水已经三天了，物业说管道维修一直没有通知恢复时间。");
  REQUIRE(f.Submit(neighbour, &same_place).ok());
  CHECK_FALSE(same_place.possible_duplicate_of().empty());

  auto far = neighbour;
  far.set_idempotency_key(UniqueName("k"));
  far.mutable_caller()->set_phone("13711112222");
  far.set_region_code("530302");  // another county
  REQUIRE(f.Submit(far, &elsewhere, f.supervisor).ok());
  CHECK(elsewhere.possible_duplicate_of().empty());

  auto view = f.Get(repeat.ticket_number(), f.supervisor);
  CHECK(view.possible_duplicate_of() == first.ticket_number());
}

TEST_CASE("replicas find each other's tickets and a withdrawn ticket is no longer repeated",
          "[intake][duplicates]") {
  IntakeFixture f;
  v1::SubmitTicketResponse before, first, repeat, noise, noise_again;
  // Written before the second replica starts: it reads the window when it starts.
  REQUIRE(f.Submit(f.ValidRequest(UniqueName("k")), &before).ok());
  v1::Intake::Stub& second = f.AddReplica({"--duplicate_feed_poll=50ms"});
  auto submit_to_second = [&](const v1::SubmitTicketRequest& r, v1::SubmitTicketResponse* out) {
    return second.SubmitTicket(f.As(f.frontend_kunming).get(), r, out);
  };
  auto leak = f.ValidRequest(UniqueName("k"));
  leak.mutable_caller()->set_phone("13600001111");
  leak.set_content("三号楼地下车库顶上水管漏水，车都被淋湿了，请尽快派人维修。");
  REQUIRE(submit_to_second(leak, &first).ok());
  CHECK(first.possible_duplicate_of().empty());
  // The first replica learns of the second's ticket by reading new tickets.
  absl::SleepFor(absl::Milliseconds(600));
  leak.set_idempotency_key(UniqueName("k"));
  REQUIRE(f.Submit(leak, &repeat).ok());
  CHECK(repeat.possible_duplicate_of() == first.ticket_number());
  // The ticket written before the second replica started is known to it.
  v1::SubmitTicketResponse late;
  REQUIRE(submit_to_second(f.ValidRequest(UniqueName("k")), &late).ok());
  CHECK(late.possible_duplicate_of() == before.ticket_number());

  auto loud = f.ValidRequest(UniqueName("k"));
  loud.mutable_caller()->set_phone("13600002222");
  loud.set_content("楼下工地每天夜里两点还在打桩施工，噪音吵得整栋楼的人都睡不着。");
  REQUIRE(f.Submit(loud, &noise).ok());
  v1::WithdrawTicketRequest withdraw;
  withdraw.set_ticket_number(noise.ticket_number());
  withdraw.set_reason("工地已停工");
  v1::WithdrawTicketResponse withdrawn;
  REQUIRE(f.stub().WithdrawTicket(f.As(f.frontend_kunming).get(), withdraw, &withdrawn).ok());
  loud.set_idempotency_key(UniqueName("k"));
  REQUIRE(f.Submit(loud, &noise_again).ok());
  CHECK(noise_again.possible_duplicate_of().empty());
}

TEST_CASE("the hotline office merges or unlinks flagged tickets", "[intake][duplicates]") {
  IntakeFixture f;
  v1::SubmitTicketResponse first, repeat, third;
  REQUIRE(f.Submit(f.ValidRequest(UniqueName("k")), &first).ok());
  REQUIRE(f.Submit(f.ValidRequest(UniqueName("k")), &repeat).ok());
  REQUIRE(f.Submit(f.ValidRequest(UniqueName("k")), &third).ok());
  REQUIRE(repeat.possible_duplicate_of() == first.ticket_number());

  v1::ListDuplicateLinksRequest list;
  list.set_page_size(1);
  v1::ListDuplicateLinksResponse page;
  REQUIRE(f.stub().ListDuplicateLinks(f.As(f.supervisor).get(), list, &page).ok());
  REQUIRE(page.links_size() == 1);
  CHECK(page.links(0).ticket_number() == repeat.ticket_number());
  list.set_page_token(page.next_page_token());
  REQUIRE(f.stub().ListDuplicateLinks(f.As(f.supervisor).get(), list, &page).ok());
  REQUIRE(page.links_size() == 1);
  CHECK(page.links(0).ticket_number() == third.ticket_number());

  v1::MergeTicketsRequest merge;
  merge.set_duplicate_ticket_number(repeat.ticket_number());
  merge.set_surviving_ticket_number(first.ticket_number());
  v1::MergeTicketsResponse merged;
  CHECK(f.stub().MergeTickets(f.As(f.frontend_kunming).get(), merge, &merged).error_code() ==
        grpc::StatusCode::PERMISSION_DENIED);
  REQUIRE(f.stub().MergeTickets(f.As(f.supervisor).get(), merge, &merged).ok());
  auto view = f.Get(repeat.ticket_number(), f.supervisor);
  CHECK(view.ticket().state() == common::TICKET_STATE_MERGED);
  CHECK(view.merged_into() == first.ticket_number());
  CHECK(f.stub().MergeTickets(f.As(f.supervisor).get(), merge, &merged).error_code() ==
        grpc::StatusCode::FAILED_PRECONDITION);

  v1::UnlinkDuplicateRequest unlink;
  unlink.set_ticket_number(third.ticket_number());
  v1::UnlinkDuplicateResponse unlinked;
  REQUIRE(f.stub().UnlinkDuplicate(f.As(f.supervisor).get(), unlink, &unlinked).ok());
  CHECK(f.Get(third.ticket_number(), f.supervisor).possible_duplicate_of().empty());
  CHECK(f.stub().UnlinkDuplicate(f.As(f.supervisor).get(), unlink, &unlinked).error_code() ==
        grpc::StatusCode::FAILED_PRECONDITION);
}

}  // namespace
}  // namespace hotline::intake::testing
