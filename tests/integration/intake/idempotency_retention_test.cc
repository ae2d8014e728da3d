// Idempotency keys on real PostgreSQL: those stored before the window are forgotten, batch by
// batch and oldest first; the rest are kept.
#include "services/intake/app/idempotency_retention.h"

#include <catch2/catch.hpp>

#include "libs/common/clock.h"
#include "libs/pg/pg_pool.h"
#include "libs/pg/pg_transaction.h"
#include "tests/support/scratch_database.h"

namespace hotline::intake {
namespace {

TEST_CASE("idempotency keys older than the window are forgotten, the rest kept",
          "[intake][idempotency]") {
  hotline::testing::ScratchDatabase db;
  pg::PgPool pool(pg::PgPoolOptions{.url = db.url(), .size = 2});
  pg::PgTransactionRunner runner(pool);
  // Five keys of four days ago, two of an hour ago.
  CHECK(db.Count(R"sql(
    WITH k AS (
      INSERT INTO intake_requests (idempotency_key, fingerprint, created_at)
      SELECT 'console-01/old-' || i, 'f', now() - interval '4 days' FROM generate_series(1, 5) i
      UNION ALL
      SELECT 'console-01/new-' || i, 'f', now() - interval '1 hour' FROM generate_series(1, 2) i
      RETURNING 1)
    SELECT count(*) FROM k)sql") == 7);

  const PgIdempotencyRetentionStore store;
  FakeClock clock(absl::Now());
  IdempotencyRetention retention(runner, store, clock,
                                 {.window = absl::Hours(72), .batch = 2, .max_batches = 2});
  // Two batches of two: four forgotten, the fifth waits for the next run.
  absl::StatusOr<int64_t> first = retention.ForgetOnce();
  REQUIRE(first.ok());
  CHECK(*first == 4);
  absl::StatusOr<int64_t> second = retention.ForgetOnce();
  REQUIRE(second.ok());
  CHECK(*second == 1);
  CHECK(db.Count("SELECT count(*) FROM intake_requests WHERE idempotency_key LIKE '%/old-%'") == 0);
  CHECK(db.Count("SELECT count(*) FROM intake_requests WHERE idempotency_key LIKE '%/new-%'") == 2);
}

}  // namespace
}  // namespace hotline::intake
