// A busy writer draws the next batch's ticket identities with each write and skips the look-up.
#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "tests/e2e/intake/intake_fixture.h"
#include "tests/support/http_get.h"
#include "tests/support/test_env.h"

namespace hotline::intake::testing {
namespace {

namespace v1 = hotline::intake::v1;
using ::hotline::testing::UniqueName;

constexpr const char* kDistricts[] = {"530102", "530103", "530111", "530112", "530113",
                                      "530114", "530115", "530124", "530125", "530126"};
constexpr const char* kMatters[] = {
    "小区从周一开始停水，已经三天了，物业说是管道维修但一直没有通知什么时候恢复。",
    "楼下烧烤店每天营业到凌晨三点，油烟和噪音让整栋楼的住户都无法休息。"};

// The i-th of requests that are no duplicates of each other: own caller, own place or matter.
v1::SubmitTicketRequest Distinct(int i) {
  v1::SubmitTicketRequest r = IntakeFixture::ValidRequest(UniqueName("busy"));
  r.set_region_code(kDistricts[i % std::size(kDistricts)]);
  r.set_content(kMatters[i / std::size(kDistricts) % std::size(kMatters)]);
  r.mutable_caller()->set_phone(absl::StrCat(13900000000 + i));
  return r;
}

double Batches(const IntakeFixture& f, const std::string& lookup) {
  return ::hotline::testing::Sample(
      ::hotline::testing::HttpGet(f.metrics_port(), "/metrics"),
      absl::StrCat("hotline_intake_write_batches_total{lookup=\"", lookup, "\"}"));
}

TEST_CASE("back-to-back submissions skip the look-up and repeated keys still answer the original",
          "[intake][idempotency][busy]") {
  // One writer: every batch is its, so its stock is what the test sees. Submissions one at a time
  // on a loaded machine may come further apart than the default busy gap: a wide one keeps the
  // stretch busy, as a steady stream of calls would.
  IntakeFixture f({"--submit_writers=1", "--submit_busy_gap=5s"});
  constexpr int kTickets = 20;
  std::map<std::string, std::string> numbers;  // idempotency key → ticket number
  for (int i = 0; i < kTickets; ++i) {
    v1::SubmitTicketRequest request = Distinct(i);
    // Every fifth is not accepted, so no later submission is its duplicate candidate: sent again,
    // it is written from the stock without a look-up, and the stored key makes it answer the
    // original.
    if (i % 5 == 4) request.set_category("out-of-scope/litigation");
    v1::SubmitTicketResponse response;
    REQUIRE(f.Submit(request, &response).ok());
    CHECK(response.possible_duplicate_of().empty());
    numbers[request.idempotency_key()] = response.ticket_number();
    if (i % 5 == 4) {
      v1::SubmitTicketResponse again;
      REQUIRE(f.Submit(request, &again).ok());
      CHECK(again.SerializeAsString() == response.SerializeAsString());
    }
  }
  // The first two batches read (no busy stretch, then an empty stock); most of the rest do not.
  CHECK(Batches(f, "skipped") >= kTickets / 2);

  CHECK(f.Count("SELECT count(*) FROM tickets") == kTickets);
  CHECK(f.Count("SELECT count(DISTINCT number) FROM tickets") == kTickets);
  CHECK(f.Count("SELECT count(*) FROM ticket_events WHERE type = 'ticket.created'") == kTickets);
  // Every key's stored ticket is the one its response named, with its events on the same ticket.
  for (const auto& [key, number] : numbers) {
    INFO(key);
    CHECK(f.Count(absl::StrCat("SELECT count(*) FROM intake_requests r JOIN tickets t ON t.id = "
                               "r.ticket_id WHERE r.idempotency_key LIKE '%/",
                               key, "' AND t.number = '", number, "'")) == 1);
  }
  CHECK(f.Count("SELECT count(*) FROM ticket_events e LEFT JOIN tickets t ON t.id = e.ticket_id "
                "WHERE t.id IS NULL") == 0);
}

}  // namespace
}  // namespace hotline::intake::testing
