// PgObjectionStore on real PostgreSQL: objections sealed in their row, the office's queue by
// place, category, urgency and age with its cursor and count (through the partial indexes of
// 0053), decisions, designations and the return windows.
#include <catch2/catch.hpp>

#include "libs/common/proto_time.h"
#include "libs/pg/pg_transaction.h"
#include "services/routing/store/pg_objection_store.h"
#include "tests/integration/ticketstore/sealed_fixture.h"

namespace hotline::routing {
namespace {

namespace v1 = hotline::routing::v1;
namespace common = hotline::common::v1;
using ticketstore::testing::SealedFixture;

struct ObjectionFixture : SealedFixture {
  ObjectionFixture() : store(cipher) {
    db.Count(R"sql(WITH d AS (INSERT INTO routing_department_types (code, name)
        VALUES ('education', 'education') RETURNING 1),
      u AS (INSERT INTO routing_units (id, name, region_code, tier, department)
        SELECT '530102-education', 'x', '530102', 3, 'education' FROM d RETURNING 1)
      SELECT count(*) FROM u)sql");
  }

  // A ticket with a live lead assignment; its id and the assignment's.
  std::pair<int64_t, int64_t> Dispatched() {
    const int64_t ticket = Open().id();
    const int64_t assignment = db.Count(
        "INSERT INTO routing_assignments (ticket_id, ticket_number, unit_id, role, state, round, "
        "dispatched_at, category, region_code, urgency, kind) VALUES (" +
        std::to_string(ticket) +
        ", 'n', '530102-education', 1, 1, 1, now(), 'education/fees', '530102', 1, 3) "
        "RETURNING id");
    return {ticket, assignment};
  }

  v1::Objection Raise(int64_t ticket, int64_t assignment, absl::Time raised,
                      const std::string& category = "education/fees",
                      const std::string& region = "530102", int urgency = 1) {
    v1::Objection o;
    o.set_ticket_number("n");
    o.set_assignment_id(assignment);
    o.set_unit_id("530102-education");
    o.set_round(1);
    o.set_reason("学校属盘龙区管辖，王小明家长已知");
    o.set_category(category);
    o.set_region_code(region);
    o.set_urgency(static_cast<common::Urgency>(urgency));
    *o.mutable_dispatched_at() = ToTimestamp(raised - absl::Hours(1));
    *o.mutable_raised_at() = ToTimestamp(raised);
    *o.mutable_window_ends_at() = ToTimestamp(raised + absl::Hours(24));
    return Run<v1::Objection>([&](Transaction& tx) { return store.Insert(tx, ticket, o); });
  }

  template <typename T, typename Body>
  T Run(Body body) {
    auto out = pg::TransactFor<T>(pool, [&](pqxx::work& work) -> absl::StatusOr<T> {
      pg::PgTransaction tx(work);
      return body(tx);
    });
    INFO(out.status().ToString());
    REQUIRE(out.ok());
    return *std::move(out);
  }

  PgObjectionStore store;
};

const absl::Time kT0 = absl::FromUnixSeconds(1796000000);

TEST_CASE("an objection's reasons are sealed in its row and open through the store",
          "[objections]") {
  ObjectionFixture f;
  const auto [ticket, assignment] = f.Dispatched();
  const v1::Objection o = f.Raise(ticket, assignment, kT0);
  CHECK(o.id() > 0);
  CHECK(o.state() == v1::OBJECTION_STATE_PENDING);
  CHECK(f.Dump("routing_objections").find("王小明") == std::string::npos);

  v1::Objection decided = f.Run<v1::Objection>([&](Transaction& tx) {
    v1::Objection locked = f.store.Lock(tx, o.id())->objection;
    CHECK(locked.reason() == o.reason());
    CHECK(FromTimestamp(locked.raised_at()) == kT0);
    locked.set_state(v1::OBJECTION_STATE_UPHELD);
    *locked.mutable_decided_at() = ToTimestamp(kT0 + absl::Hours(2));
    locked.set_decided_by("office-53");
    locked.set_decision_reason("核实王小明住址后同意");
    locked.set_failed_dispatches(1);
    f.store.Decide(tx, locked);
    return *f.store.LatestOf(tx, assignment);
  });
  CHECK(decided.state() == v1::OBJECTION_STATE_UPHELD);
  CHECK(decided.decision_reason() == "核实王小明住址后同意");
  CHECK(decided.decided_by() == "office-53");
  CHECK(decided.failed_dispatches() == 1);
  CHECK(f.Dump("routing_objections").find("王小明") == std::string::npos);
  CHECK(f.Run<int>([&](Transaction& tx) { return f.store.UpheldCount(tx, ticket); }) == 1);
  const bool missing = f.Run<bool>([&](Transaction& tx) {
    return f.store.Lock(tx, o.id() + 1000).status().code() == absl::StatusCode::kNotFound;
  });
  CHECK(missing);
}

TEST_CASE("the office's queue pages oldest first, filters and counts the live pending ones",
          "[objections]") {
  ObjectionFixture f;
  std::vector<int64_t> ids;
  std::vector<int64_t> assignments;
  struct Row {
    const char* category;
    const char* region;
    int urgency;
  };
  const Row rows[] = {{"education/fees", "530102", 1},
                      {"education/enrolment", "530102001", 3},
                      {"housing/repair", "530102", 1},
                      {"education/fees", "530103", 1}};
  for (int i = 0; i < 4; ++i) {
    const auto [ticket, assignment] = f.Dispatched();
    assignments.push_back(assignment);
    ids.push_back(f.Raise(ticket, assignment, kT0 + absl::Minutes(i), rows[i].category,
                          rows[i].region, rows[i].urgency)
                      .id());
  }
  auto list = [&](const ObjectionFilter& filter, std::optional<ObjectionCursor> after, int limit) {
    std::vector<int64_t> out;
    for (const v1::Objection& o : f.Run<std::vector<v1::Objection>>(
             [&](Transaction& tx) { return f.store.ListPending(tx, filter, after, limit); })) {
      out.push_back(o.id());
    }
    return out;
  };
  auto count = [&](const ObjectionFilter& filter) {
    return f.Run<int64_t>([&](Transaction& tx) { return f.store.CountPending(tx, filter); });
  };

  ObjectionFilter wuhua{"530102"};
  CHECK(list(wuhua, std::nullopt, 2) == std::vector<int64_t>{ids[0], ids[1]});
  const ObjectionCursor after{absl::ToUnixMicros(kT0 + absl::Minutes(1)), ids[1]};
  CHECK(list(wuhua, after, 2) == std::vector<int64_t>{ids[2]});
  CHECK(count(wuhua) == 3);
  CHECK(count({"53"}) == 4);
  CHECK(count({"53", "education"}) == 3);
  CHECK(count({"53", "educ"}) == 0);  // whole words of the category only
  CHECK(count({"53", "", 3}) == 1);
  CHECK(count({"53", "", 0, kT0 + absl::Seconds(90)}) == 2);

  // A part signed for meanwhile is no longer the office's to decide.
  f.db.Count("WITH u AS (UPDATE routing_assignments SET state = 2 WHERE id = " +
             std::to_string(assignments[0]) + " RETURNING 1) SELECT count(*) FROM u");
  CHECK(count(wuhua) == 2);
  CHECK(list(wuhua, std::nullopt, 10) == std::vector<int64_t>{ids[1], ids[2]});
}

TEST_CASE("the queue's statements are served by 0053's indexes, not a scan", "[objections]") {
  ObjectionFixture f;
  const std::string plan = f.db.Text(
      "SET enable_seqscan = off; EXPLAIN (FORMAT JSON) SELECT id FROM routing_objections o "
      "WHERE o.state = 1 AND o.region_code LIKE '530102%' ORDER BY o.raised_at, o.id LIMIT 51");
  INFO(plan);
  CHECK(plan.find("routing_objections_queue") != std::string::npos);
  CHECK(plan.find("Seq Scan") == std::string::npos);
}

TEST_CASE("designations and return windows are rows the office writes", "[objections]") {
  ObjectionFixture f;
  const auto [ticket, assignment] = f.Dispatched();
  (void)assignment;
  const bool designated = f.Run<bool>([&](Transaction& tx) {
    f.store.Designate(tx, ticket, 4, "530102-education", "office-53", kT0, 3);
    return f.store.IsDesignated(tx, ticket, 4, "530102-education") &&
           !f.store.IsDesignated(tx, ticket, 3, "530102-education") &&
           !f.store.IsDesignated(tx, ticket, 4, "530103-education");
  });
  CHECK(designated);

  const auto windows = f.Run<std::vector<ObjectionWindowRule>>([&](Transaction& tx) {
    f.store.SetWindow(tx, {"education", 2, "standard"});
    f.store.SetWindow(tx, {"", 0, "standard"});
    return f.store.Windows(tx);
  });
  const ObjectionWindowRule* all = WindowRuleFor(windows, "urban/roads");
  REQUIRE(all != nullptr);
  CHECK(all->working_days == 0);
  CHECK(WindowRuleFor(windows, "education/fees")->working_days == 2);
  CHECK(WindowRuleFor(windows, "housing/real-estate")->working_days == 2);  // seeded complex
}

}  // namespace
}  // namespace hotline::routing
