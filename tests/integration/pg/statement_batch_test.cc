#include "libs/pg/statement_batch.h"

#include <catch2/catch.hpp>
#include <pqxx/nontransaction>
#include <pqxx/transaction>

#include "libs/pg/pg_pool.h"
#include "tests/support/scratch_database.h"

namespace hotline::pg {
namespace {

TEST_CASE("placeholders are renumbered and nothing else", "[pg][statement_batch]") {
  CHECK(RenumberPlaceholders("SELECT $1, $2::text[], $10 FROM t WHERE x = $3", 4) ==
        "SELECT $5, $6::text[], $14 FROM t WHERE x = $7");
  CHECK(RenumberPlaceholders("SELECT '$' || a, $ FROM t", 3) == "SELECT '$' || a, $ FROM t");
  CHECK(RenumberPlaceholders("$1", 0) == "$1");
}

struct Tables {
  Tables() : conn(*OpenConnection(db.url())) {
    pqxx::nontransaction(*conn).exec(
        "CREATE TABLE parents (id bigint PRIMARY KEY, name text NOT NULL);"
        "CREATE TABLE children (parent bigint NOT NULL REFERENCES parents (id), n int,"
        "  flag boolean);"
        "CREATE TABLE keys (key text PRIMARY KEY)");
  }
  testing::ScratchDatabase db{false};
  std::unique_ptr<pqxx::connection> conn;
};

constexpr char kParents[] = "INSERT INTO parents SELECT * FROM unnest($1::bigint[], $2::text[])";
constexpr char kChildren[] =
    "INSERT INTO children SELECT $1::bigint, n, $2::boolean FROM generate_series(1, $3) AS n";
constexpr char kKeys[] =
    "INSERT INTO keys SELECT unnest($1::text[]) ON CONFLICT DO NOTHING RETURNING key";

TEST_CASE("a batch runs as one statement and answers with the last one's rows",
          "[pg][statement_batch]") {
  Tables t;
  {
    pqxx::work tx(*t.conn);
    StatementBatch batch(tx);
    batch.Add(kParents, std::string("{1,2}"), std::string("{\"王 'quoted'\",\"$1\"}"));
    batch.Add(kChildren, int64_t{2}, true, 3);  // references a parent of the same batch
    batch.Add(kKeys, std::string("{a,b}"));
    const pqxx::result keys = batch.Run();
    CHECK(keys.size() == 2);
    CHECK(batch.empty());
    tx.commit();
  }
  CHECK(t.db.Text("SELECT string_agg(name, '|' ORDER BY id) FROM parents") == "王 'quoted'|$1");
  CHECK(t.db.Count("SELECT count(*) FROM children WHERE parent = 2 AND flag") == 3);

  // The last statement's RETURNING says which keys were new; the batch can be reused.
  pqxx::work tx(*t.conn);
  StatementBatch batch(tx);
  batch.Add(kKeys, std::string("{b,c}"));
  const pqxx::result keys = batch.Run();
  REQUIRE(keys.size() == 1);
  CHECK(keys[0][0].as<std::string>() == "c");
  CHECK(batch.Run().empty());
}

TEST_CASE("a failing statement fails the whole batch", "[pg][statement_batch]") {
  Tables t;
  pqxx::work tx(*t.conn);
  StatementBatch batch(tx);
  batch.Add(kParents, std::string("{1}"), std::string("{one}"));
  batch.Add(kChildren, int64_t{9}, false, 1);  // no parent 9
  CHECK_THROWS_AS(batch.Run(), pqxx::foreign_key_violation);
}

}  // namespace
}  // namespace hotline::pg
