// A write stuck on a lock holds up only its own batch: another writer takes what queues behind it.
#include <catch2/catch.hpp>
#include <pqxx/nontransaction>
#include <pqxx/transaction>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "libs/pg/pg_pool.h"
#include "tests/e2e/intake/intake_fixture.h"
#include "tests/support/test_env.h"

namespace hotline::intake::testing {
namespace {

namespace v1 = hotline::intake::v1;
using ::hotline::testing::UniqueName;

TEST_CASE("a submission queued behind a write stuck on a lock is written by the other writer",
          "[intake][writers]") {
  IntakeFixture f;  // two writers
  // Another session holds the key of the stuck submission, uncommitted: its write waits for it.
  const v1::SubmitTicketRequest stuck = IntakeFixture::ValidRequest(UniqueName("stuck"));
  auto holder = pg::OpenConnection(f.db_url());
  REQUIRE(holder.ok());
  pqxx::work held(**holder);
  held.exec_params("INSERT INTO intake_requests (idempotency_key, fingerprint) VALUES ($1, 'held')",
                   f.StoredKey(stuck.idempotency_key()));

  grpc::Status stuck_status;
  v1::SubmitTicketResponse stuck_response;
  std::thread first([&] { stuck_status = f.Submit(stuck, &stuck_response); });
  const bool waiting = ::hotline::testing::PollUntil(absl::Seconds(10), [&] {
    return f.Count(absl::StrCat("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                "current_database() AND wait_event_type = 'Lock'")) == 1;
  });
  REQUIRE(waiting);

  // Another caller about another matter, while the first write waits.
  v1::SubmitTicketRequest next = IntakeFixture::ValidRequest(UniqueName("next"));
  next.mutable_caller()->set_phone("13987654321");
  next.set_region_code("530111");
  next.set_content("楼下烧烤店每天营业到凌晨三点，油烟和噪音让整栋楼的住户都无法休息。");
  v1::SubmitTicketResponse next_response;
  const absl::Time sent = absl::Now();
  const grpc::Status next_status = f.Submit(next, &next_response);
  INFO(next_status.error_message());
  REQUIRE(next_status.ok());
  CHECK(absl::Now() - sent < absl::Seconds(2));
  CHECK(f.Count(absl::StrCat("SELECT count(*) FROM tickets WHERE number = '",
                             next_response.ticket_number(), "'")) == 1);

  // The lock goes, and the first submission is written as if nothing had happened.
  held.abort();
  first.join();
  INFO(stuck_status.error_message());
  REQUIRE(stuck_status.ok());
  CHECK(f.Count(absl::StrCat("SELECT count(*) FROM intake_requests r JOIN tickets t ON t.id = "
                             "r.ticket_id WHERE r.idempotency_key = '",
                             f.StoredKey(stuck.idempotency_key()), "' AND t.number = '",
                             stuck_response.ticket_number(), "'")) == 1);
}

}  // namespace
}  // namespace hotline::intake::testing
