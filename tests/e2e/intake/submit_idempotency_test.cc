// Idempotent submission by the front-end's request id.
#include <catch2/catch.hpp>
#include <thread>

#include "tests/e2e/intake/intake_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::intake::testing {
namespace {

namespace v1 = hotline::intake::v1;
using ::hotline::testing::UniqueName;

TEST_CASE("the same key with the same content returns the original ticket",
          "[intake][idempotency]") {
  IntakeFixture f;
  const auto request = f.ValidRequest(UniqueName("k"));
  v1::SubmitTicketResponse first, second;
  REQUIRE(f.Submit(request, &first).ok());
  REQUIRE(f.Submit(request, &second).ok());
  CHECK(second.ticket_number() == first.ticket_number());
  CHECK(second.SerializeAsString() == first.SerializeAsString());
  CHECK(f.Count("SELECT count(*) FROM tickets") == 1);
  CHECK(f.Count("SELECT count(*) FROM ticket_events WHERE type = 'ticket.created'") == 1);

  auto changed = request;
  changed.set_content(request.content() + "另外水压也很低。");
  v1::SubmitTicketResponse third;
  CHECK(f.Submit(changed, &third).error_code() == grpc::StatusCode::ALREADY_EXISTS);
  CHECK(f.Count("SELECT count(*) FROM tickets") == 1);
}

TEST_CASE("100 concurrent submissions with one key make one ticket", "[intake][idempotency]") {
  IntakeFixture f;
  const auto request = f.ValidRequest(UniqueName("k"));
  constexpr int kCalls = 100;
  std::vector<v1::SubmitTicketResponse> responses(kCalls);
  std::vector<grpc::Status> statuses(kCalls);
  std::vector<std::thread> threads;
  for (int i = 0; i < kCalls; ++i) {
    threads.emplace_back([&, i] { statuses[i] = f.Submit(request, &responses[i]); });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kCalls; ++i) {
    INFO(statuses[i].error_message());
    REQUIRE(statuses[i].ok());
    CHECK(responses[i].ticket_number() == responses[0].ticket_number());
  }
  CHECK(f.Count("SELECT count(*) FROM tickets") == 1);
  CHECK(f.Count("SELECT count(*) FROM ticket_events WHERE type = 'ticket.created'") == 1);
}

TEST_CASE("the same idempotency key from two consoles makes two tickets", "[intake][idempotency]") {
  IntakeFixture f;
  const std::string key = UniqueName("k");
  v1::SubmitTicketResponse first, repeat, other;
  REQUIRE(f.Submit(IntakeFixture::ValidRequest(key), &first, f.frontend_kunming).ok());
  REQUIRE(f.Submit(IntakeFixture::ValidRequest(key), &repeat, f.frontend_kunming).ok());
  CHECK(repeat.ticket_number() == first.ticket_number());

  // Another Kunming console happens to pick the same key for another call.
  v1::SubmitTicketRequest theirs = IntakeFixture::ValidRequest(key);
  theirs.set_content("小区门口的路灯一直不亮");
  REQUIRE(f.Submit(theirs, &other, f.Token("frontend", "5301")).ok());
  CHECK(other.ticket_number() != first.ticket_number());
  CHECK(f.Count("SELECT count(*) FROM tickets") == 2);
  CHECK(f.Count("SELECT count(*) FROM intake_requests WHERE idempotency_key LIKE '%/" + key +
                "'") == 2);
}

}  // namespace
}  // namespace hotline::intake::testing
