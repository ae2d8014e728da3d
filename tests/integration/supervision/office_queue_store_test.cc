// PgOfficeQueueStore on real PostgreSQL: each queue reads what waits (pending requests, REPLIED
// tickets, running follow-up clocks) by place, category, urgency and age, in order, with a
// cursor and a count, through the partial indexes of 0054.
#include "services/supervision/store/office_queue_store.h"

#include <catch2/catch.hpp>

#include "libs/pg/pg_transaction.h"
#include "tests/integration/ticketstore/sealed_fixture.h"

namespace hotline::supervision {
namespace {

using ticketstore::testing::SealedFixture;

struct QueueFixture : SealedFixture {
  // A ticket at `region` about `category`, in `state`; its id.
  int64_t Ticket(const std::string& region, const std::string& category,
                 const std::string& state = "IN_PROGRESS", int urgency = 1) {
    const int64_t id = Open().id();
    db.Count("WITH u AS (UPDATE tickets SET region_code = '" + region + "', category = '" +
             category + "', state = '" + state + "', urgency = " + std::to_string(urgency) +
             ", updated_at = now() - interval '" + std::to_string(100 - id) +
             " minutes' WHERE id = " + std::to_string(id) + " RETURNING 1) SELECT count(*) FROM u");
    return id;
  }
  void Exec(const std::string& sql) {
    db.Count("WITH u AS (" + sql + " RETURNING 1) SELECT count(*) FROM u");
  }
  std::vector<std::string> Numbers(OfficeQueue queue, const QueueFilter& filter,
                                   std::optional<QueueCursor> after = std::nullopt,
                                   int limit = 10) {
    auto rows = pg::TransactFor<std::vector<QueueRow>>(
        pool, [&](pqxx::work& work) -> absl::StatusOr<std::vector<QueueRow>> {
          pg::PgTransaction tx(work);
          return store.List(tx, queue, filter, after, limit);
        });
    REQUIRE(rows.ok());
    last = *rows;
    std::vector<std::string> out;
    for (const QueueRow& r : *rows) out.push_back(r.item.ticket_number());
    return out;
  }
  int64_t Count(OfficeQueue queue, const QueueFilter& filter) {
    auto n = pg::TransactFor<int64_t>(pool, [&](pqxx::work& work) -> absl::StatusOr<int64_t> {
      pg::PgTransaction tx(work);
      return store.Count(tx, queue, filter);
    });
    REQUIRE(n.ok());
    return *n;
  }
  std::string NumberOf(int64_t id) {
    return db.Text("SELECT number FROM tickets WHERE id = " + std::to_string(id));
  }

  PgOfficeQueueStore store;
  std::vector<QueueRow> last;
};

TEST_CASE("pending suspension and extension requests, oldest first, by place and category",
          "[office_queues]") {
  QueueFixture f;
  const int64_t a = f.Ticket("530102", "education/fees");
  const int64_t b = f.Ticket("530102001", "housing/repair", "IN_PROGRESS", 3);
  const int64_t c = f.Ticket("530103", "education/fees");
  const int64_t tickets[] = {a, b, c};
  for (int i = 0; i < 3; ++i) {  // asked 9, 8 and 7 hours ago
    const std::string id = std::to_string(tickets[i]);
    const std::string ago = "now() - interval '" + std::to_string(9 - i) + " hours'";
    f.Exec(
        "INSERT INTO supervision_suspension_requests (ticket_id, ticket_number, region_code, "
        "requested_by, reason, requested_at) SELECT id, number, region_code, 'unit-" +
        id + "', '', " + ago + " FROM tickets WHERE id = " + id);
    f.Exec(
        "INSERT INTO supervision_extension_requests (ticket_id, ticket_number, region_code, "
        "unit_id, reason, requested_due_at, requested_at) SELECT id, number, region_code, "
        "'unit-" +
        id + "', '', now() + interval '9 days', " + ago + " FROM tickets WHERE id = " + id);
  }
  // A decided request waits no more.
  f.Exec("UPDATE supervision_extension_requests SET state = 2 WHERE ticket_id = " +
         std::to_string(c));

  CHECK(f.Numbers(OfficeQueue::kSuspensions, {"530102"}) ==
        std::vector<std::string>{f.NumberOf(a), f.NumberOf(b)});
  CHECK(f.last[1].item.requested_by() == "unit-" + std::to_string(b));
  CHECK(f.last[1].item.urgency() == 3);
  CHECK(f.Count(OfficeQueue::kSuspensions, {"53"}) == 3);
  CHECK(f.Count(OfficeQueue::kSuspensions, {"53", "education"}) == 2);
  CHECK(f.Count(OfficeQueue::kSuspensions, {"53", "", 3}) == 1);
  CHECK(f.Count(OfficeQueue::kExtensions, {"53"}) == 2);
  CHECK(f.Numbers(OfficeQueue::kExtensions, {"53"}, std::nullopt, 1) ==
        std::vector<std::string>{f.NumberOf(a)});
  CHECK(f.last[0].item.has_requested_due_at());
  const QueueCursor after = f.last[0].cursor;
  CHECK(f.Numbers(OfficeQueue::kExtensions, {"53"}, after) ==
        std::vector<std::string>{f.NumberOf(b)});
  // Age: only requests made at least 8.5 hours ago (a's).
  const absl::Time bound = absl::Now() - absl::Minutes(8 * 60 + 30);
  CHECK(f.Count(OfficeQueue::kSuspensions, {"53", "", 0, bound}) == 1);
}

TEST_CASE("replies awaiting review and follow-up calls due", "[office_queues]") {
  QueueFixture f;
  const int64_t replied = f.Ticket("530102", "education/fees", "REPLIED");
  const int64_t other = f.Ticket("530102", "labour/wage-arrears", "REPLIED");
  f.Ticket("530102", "education/fees", "IN_PROGRESS");
  const int64_t closed = f.Ticket("530102", "education/fees", "CLOSED");
  CHECK(f.Numbers(OfficeQueue::kAwaitingReview, {"5301"}) ==
        std::vector<std::string>{f.NumberOf(replied), f.NumberOf(other)});
  CHECK(f.Count(OfficeQueue::kAwaitingReview, {"5301", "labour"}) == 1);
  CHECK(f.Count(OfficeQueue::kAwaitingReview, {"530103"}) == 0);

  for (const int kind : {4, 2}) {  // a follow-up clock, and a handling clock that is not one
    f.Exec(
        "INSERT INTO supervision_clocks (ticket_id, ticket_number, kind, region_code, "
        "policy_id, calendar, limit_unit, limit_amount, warning_point, started_at, due_at) "
        "SELECT id, number, " +
        std::to_string(kind) +
        ", region_code, 1, 'standard', 2, 2, 0.8, now(), now() + interval '2 days' "
        "FROM tickets WHERE id = " +
        std::to_string(closed));
  }
  CHECK(f.Numbers(OfficeQueue::kFollowUpsDue, {"53"}) ==
        std::vector<std::string>{f.NumberOf(closed)});
  CHECK(f.last[0].item.has_due_at());
  CHECK(f.Count(OfficeQueue::kFollowUpsDue, {"53", "education/fees"}) == 1);
}

TEST_CASE("the queues are served by 0054's partial indexes", "[office_queues]") {
  QueueFixture f;
  const std::string plan = f.db.Text(
      "SET enable_seqscan = off; EXPLAIN (FORMAT JSON) SELECT id FROM tickets t "
      "WHERE t.state = 'REPLIED' AND t.region_code LIKE '5301%' ORDER BY t.updated_at, t.id "
      "LIMIT 51");
  INFO(plan);
  CHECK(plan.find("tickets_awaiting_review") != std::string::npos);
  CHECK(plan.find("Seq Scan") == std::string::npos);
  const std::string requests = f.db.Text(
      "SET enable_seqscan = off; EXPLAIN (FORMAT JSON) SELECT id FROM "
      "supervision_extension_requests r WHERE r.state = 1 AND r.region_code LIKE '5301%' "
      "ORDER BY r.requested_at, r.id LIMIT 51");
  INFO(requests);
  CHECK(requests.find("Index") != std::string::npos);  // a partial index on pending requests
  CHECK(requests.find("Seq Scan") == std::string::npos);
}

}  // namespace
}  // namespace hotline::supervision
