// A full submission queue refuses at once, UNAVAILABLE, instead of growing without bound.
#include <catch2/catch.hpp>
#include <pqxx/transaction>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/pg/pg_pool.h"
#include "tests/e2e/intake/intake_fixture.h"
#include "tests/support/http_get.h"
#include "tests/support/test_env.h"

namespace hotline::intake::testing {
namespace {

namespace v1 = hotline::intake::v1;
using ::hotline::testing::UniqueName;

double Metric(const IntakeFixture& f, const std::string& name) {
  return ::hotline::testing::Sample(::hotline::testing::HttpGet(f.metrics_port(), "/metrics"),
                                    name);
}

TEST_CASE("a submission finding the queue full is refused UNAVAILABLE and counted",
          "[intake][abuse][writers]") {
  // One writer, room for one submission behind it.
  IntakeFixture f({"--submit_writers=1", "--submit_queue_limit=1"});
  // The writer's first batch waits on a key another session holds, uncommitted.
  const v1::SubmitTicketRequest stuck = IntakeFixture::ValidRequest(UniqueName("stuck"));
  auto holder = pg::OpenConnection(f.db_url());
  REQUIRE(holder.ok());
  pqxx::work held(**holder);
  held.exec_params("INSERT INTO intake_requests (idempotency_key, fingerprint) VALUES ($1, 'held')",
                   f.StoredKey(stuck.idempotency_key()));
  grpc::Status stuck_status;
  v1::SubmitTicketResponse stuck_response;
  std::thread first([&] { stuck_status = f.Submit(stuck, &stuck_response); });
  REQUIRE(::hotline::testing::PollUntil(absl::Seconds(10), [&] {
    return f.Count(
               "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
               "AND wait_event_type = 'Lock'") == 1;
  }));

  // The next one waits in the queue: it is full.
  v1::SubmitTicketRequest queued = IntakeFixture::ValidRequest(UniqueName("queued"));
  queued.mutable_caller()->set_phone("13987654321");
  grpc::Status queued_status;
  v1::SubmitTicketResponse queued_response;
  std::thread second([&] { queued_status = f.Submit(queued, &queued_response); });
  REQUIRE(::hotline::testing::PollUntil(
      absl::Seconds(10), [&] { return Metric(f, "hotline_intake_submit_queue_length") == 1; }));

  v1::SubmitTicketRequest refused = IntakeFixture::ValidRequest(UniqueName("refused"));
  refused.mutable_caller()->set_phone("13711112222");
  v1::SubmitTicketResponse refused_response;
  const grpc::Status status = f.Submit(refused, &refused_response);
  CHECK(status.error_code() == grpc::StatusCode::UNAVAILABLE);
  CHECK(absl::StrContains(status.error_message(), "busy"));
  CHECK(Metric(f, "hotline_intake_submit_queue_full_total") == 1);

  // The lock goes: both waiting submissions are written; the refused one was not.
  held.abort();
  first.join();
  second.join();
  CHECK(stuck_status.ok());
  CHECK(queued_status.ok());
  CHECK(f.Count("SELECT count(*) FROM tickets") == 2);
  // Sent again, the refused submission goes through.
  CHECK(f.Submit(refused, &refused_response).ok());
}

}  // namespace
}  // namespace hotline::intake::testing
