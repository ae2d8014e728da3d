#include <catch2/catch.hpp>
#include <pqxx/nontransaction>

#include "libs/pg/pg_pool.h"
#include "libs/pg/prepared.h"
#include "libs/pg/statement_batch.h"
#include "libs/pg/transact.h"
#include "tests/support/scratch_database.h"

namespace hotline::pg {
namespace {

struct Tables {
  Tables() {
    pqxx::nontransaction(**OpenConnection(db.url()))
        .exec(
            "CREATE TABLE parents (id bigint PRIMARY KEY, name text NOT NULL);"
            "CREATE TABLE children (parent bigint NOT NULL REFERENCES parents (id), n int)");
  }
  testing::ScratchDatabase db{false};
  PgPool pool{PgPoolOptions{.url = db.url(), .size = 1}};
};

constexpr char kParents[] = "INSERT INTO parents SELECT * FROM unnest($1::bigint[], $2::text[])";
constexpr char kChildren[] =
    "INSERT INTO children SELECT $1::bigint, n FROM generate_series(1, $2) AS n";

TEST_CASE("in autocommit a statement batch is one transaction", "[pg][autocommit]") {
  Tables t;
  REQUIRE(Autocommit(t.pool, [](pqxx::transaction_base& tx) {
            StatementBatch batch(tx);
            batch.Add(kParents, std::string("{1,2}"), std::string("{one,two}"));
            batch.Add(kChildren, int64_t{2}, 3);
            batch.Run();
            return absl::OkStatus();
          }).ok());
  CHECK(t.db.Count("SELECT count(*) FROM children WHERE parent = 2") == 3);

  // A failing part undoes the batch's other parts, and the error is mapped.
  const absl::Status orphan = Autocommit(t.pool, [](pqxx::transaction_base& tx) {
    StatementBatch batch(tx);
    batch.Add(kParents, std::string("{3}"), std::string("{three}"));
    batch.Add(kChildren, int64_t{9}, 1);  // no parent 9
    batch.Run();
    return absl::OkStatus();
  });
  CHECK(orphan.code() == absl::StatusCode::kFailedPrecondition);
  const absl::Status repeated = Autocommit(t.pool, [](pqxx::transaction_base& tx) {
    Prepared(tx, kParents, std::string("{4,1}"), std::string("{four,again}"));
    return absl::OkStatus();
  });
  CHECK(repeated.code() == absl::StatusCode::kAlreadyExists);
  CHECK(t.db.Count("SELECT count(*) FROM parents") == 2);
}

TEST_CASE("in autocommit a statement commits as it returns", "[pg][autocommit]") {
  Tables t;
  // Unlike Transact, an error returned afterwards does not undo it.
  const absl::Status status = Autocommit(t.pool, [](pqxx::transaction_base& tx) {
    Prepared(tx, kParents, std::string("{1}"), std::string("{one}"));
    return absl::InternalError("after the write");
  });
  CHECK(status.code() == absl::StatusCode::kInternal);
  CHECK(t.db.Count("SELECT count(*) FROM parents") == 1);
  // The pool's one connection came back and still works.
  CHECK(Autocommit(t.pool, [](pqxx::transaction_base& tx) {
          Prepared(tx, kParents, std::string("{2}"), std::string("{two}"));
          return absl::OkStatus();
        }).ok());
  CHECK(t.db.Count("SELECT count(*) FROM parents") == 2);
}

TEST_CASE("a pool with generic plans plans its prepared statements once", "[pg][pool]") {
  testing::ScratchDatabase db{false};
  auto mode = [&](bool generic) {
    PgPool pool(PgPoolOptions{.url = db.url(), .size = 1, .generic_plans = generic});
    std::string value;
    REQUIRE(Autocommit(pool, [&](pqxx::transaction_base& tx) {
              value = Prepared(tx, "SELECT current_setting('plan_cache_mode')")[0][0].c_str();
              return absl::OkStatus();
            }).ok());
    return value;
  };
  CHECK(mode(true) == "force_generic_plan");
  CHECK(mode(false) == "auto");
}

}  // namespace
}  // namespace hotline::pg
