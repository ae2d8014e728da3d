// The office's queues: the filters checked field by field and narrowed to the office's
// jurisdiction, the age bound from the clock, pages of `page_size` with a token for the next.
#include "services/supervision/app/office_queues.h"

#include <catch2/catch.hpp>

#include "libs/common/field_violations.h"
#include "tests/support/fake_transaction.h"

namespace hotline::supervision {
namespace {

namespace v1 = hotline::supervision::v1;

// Entries 1..n, oldest first; remembers the filter it was asked with.
class FakeQueueStore final : public OfficeQueueStore {
 public:
  explicit FakeQueueStore(int n) : n_(n) {}
  std::vector<QueueRow> List(Transaction&, OfficeQueue queue, const QueueFilter& filter,
                             const std::optional<QueueCursor>& after, int limit) const override {
    seen_queue = queue;
    seen = filter;
    std::vector<QueueRow> rows;
    for (int i = after ? static_cast<int>(after->id) + 1 : 1; i <= n_; ++i) {
      if (static_cast<int>(rows.size()) == limit) break;
      QueueRow row;
      row.item.set_ticket_number(std::to_string(i));
      row.cursor = {i * 1000, i};
      rows.push_back(row);
    }
    return rows;
  }
  int64_t Count(Transaction&, OfficeQueue, const QueueFilter&) const override { return n_; }

  mutable QueueFilter seen;
  mutable OfficeQueue seen_queue = OfficeQueue::kSuspensions;

 private:
  int n_;
};

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> out;
  for (const FieldViolation& v : FieldViolationsOf(status)) out.push_back(v.field);
  return out;
}

TEST_CASE("Office queues page with a token and count every entry", "[office_queues]") {
  testing::FakeTransactionRunner transactions;
  FakeQueueStore store(5);
  FakeClock clock(absl::FromUnixSeconds(1796000000));
  OfficeQueues queues(transactions, store, clock);
  OfficeQueueQuery query;
  query.page_size = 2;
  std::vector<std::string> seen;
  for (int page = 0; page < 3; ++page) {
    auto listed = queues.List("5301", OfficeQueue::kFollowUpsDue, query);
    REQUIRE(listed.ok());
    CHECK(listed->total == 5);
    for (const auto& item : listed->items) seen.push_back(item.ticket_number());
    CHECK(listed->next_page_token.empty() == (page == 2));
    query.page_token = listed->next_page_token;
  }
  CHECK(seen == std::vector<std::string>{"1", "2", "3", "4", "5"});
  CHECK(store.seen_queue == OfficeQueue::kFollowUpsDue);
  CHECK(store.seen.region_prefix == "5301");  // the whole jurisdiction by default
}

TEST_CASE("Office queues narrow the filters to the office and name each bad one",
          "[office_queues]") {
  testing::FakeTransactionRunner transactions;
  FakeQueueStore store(0);
  const absl::Time now = absl::FromUnixSeconds(1796000000);
  FakeClock clock(now);
  OfficeQueues queues(transactions, store, clock);

  OfficeQueueQuery narrower;
  narrower.filter.region_prefix = "530102";
  narrower.filter.category_prefix = "education";
  narrower.min_age = absl::Hours(2);
  REQUIRE(queues.List("5301", OfficeQueue::kAwaitingReview, narrower).ok());
  CHECK(store.seen.region_prefix == "530102");
  CHECK(store.seen.category_prefix == "education");
  CHECK(store.seen.since_before == now - absl::Hours(2));
  OfficeQueueQuery wider;
  wider.filter.region_prefix = "53";
  REQUIRE(queues.List("5301", OfficeQueue::kAwaitingReview, wider).ok());
  CHECK(store.seen.region_prefix == "5301");

  OfficeQueueQuery bad;
  bad.filter.region_prefix = "5303";
  bad.filter.category_prefix = "Education/";
  bad.filter.urgency = 42;
  bad.min_age = -absl::Hours(1);
  bad.page_size = 501;
  bad.page_token = "x";
  auto refused = queues.List("5301", OfficeQueue::kExtensions, bad);
  CHECK(refused.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(Fields(refused.status()) == std::vector<std::string>{"page_size", "page_token",
                                                             "region_prefix", "category_prefix",
                                                             "urgency", "min_age"});
}

}  // namespace
}  // namespace hotline::supervision
