#include "libs/pg/migrator.h"

#include <catch2/catch.hpp>
#include <thread>

#include "tests/support/scratch_database.h"

namespace hotline::pg {
namespace {

TEST_CASE("migrations applied twice concurrently leave one schema", "[pg][migrations]") {
  testing::ScratchDatabase db(/*migrate=*/false);
  absl::Status first, second;
  std::thread a([&] { first = ApplyMigrations(db.url(), EmbeddedMigrations()); });
  std::thread b([&] { second = ApplyMigrations(db.url(), EmbeddedMigrations()); });
  a.join();
  b.join();
  INFO(first.ToString() << " / " << second.ToString());
  CHECK(first.ok());
  CHECK(second.ok());

  const auto applied = static_cast<int64_t>(EmbeddedMigrations().size());
  CHECK(db.Count("SELECT count(*) FROM schema_migrations") == applied);
  CHECK(db.Count("SELECT count(DISTINCT version) FROM schema_migrations") == applied);
  CHECK(db.Count("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = "
                 "'tickets'") == 1);
  // And again, sequentially: nothing left to do.
  CHECK(ApplyMigrations(db.url(), EmbeddedMigrations()).ok());
  CHECK(db.Count("SELECT count(*) FROM schema_migrations") == applied);
}

TEST_CASE("a migration edited after it was applied is refused", "[pg][migrations]") {
  testing::ScratchDatabase db(/*migrate=*/false);
  std::vector<Migration> migrations = {{1, "first", "CREATE TABLE a (x int);"}};
  REQUIRE(ApplyMigrations(db.url(), migrations).ok());
  migrations[0].sql = "CREATE TABLE a (x bigint);";
  absl::Status status = ApplyMigrations(db.url(), migrations);
  CHECK(status.code() == absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("a failing migration leaves nothing half-applied", "[pg][migrations]") {
  testing::ScratchDatabase db(/*migrate=*/false);
  std::vector<Migration> migrations = {
      {1, "good", "CREATE TABLE good (x int);"},
      {2, "bad", "CREATE TABLE half (x int); SELECT * FROM no_such_table;"}};
  absl::Status status = ApplyMigrations(db.url(), migrations);
  CHECK_FALSE(status.ok());
  CHECK(db.Count("SELECT count(*) FROM schema_migrations") == 1);
  CHECK(db.Count("SELECT count(*) FROM pg_tables WHERE tablename = 'half'") == 0);
}

TEST_CASE("an unreachable database is UNAVAILABLE", "[pg]") {
  absl::Status status =
      ApplyMigrations("postgresql://hotline@127.0.0.1:1/none?connect_timeout=2", {});
  CHECK(status.code() == absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace hotline::pg
