#include <catch2/catch.hpp>
#include <pqxx/nontransaction>
#include <pqxx/result>

#include "libs/pg/pg_pool.h"
#include "libs/ticketstore/ticket_core_maintenance.h"
#include "tests/support/scratch_database.h"

namespace hotline::pg {
namespace {

TEST_CASE("maintenance prunes old consumed events and old ticket-number sequences",
          "[pg][maintenance]") {
  testing::ScratchDatabase db;
  auto conn = OpenConnection(db.url());
  REQUIRE(conn.ok());
  pqxx::nontransaction tx(**conn);
  tx.exec(R"sql(
    INSERT INTO consumed_events (consumer_group, event_id, consumed_at) VALUES
      ('routing', gen_random_uuid(), now() - interval '30 days'),
      ('routing', gen_random_uuid(), now() - interval '8 days'),
      ('routing', gen_random_uuid(), now() - interval '1 hour');
    SELECT hotline_next_ticket_sequence(date '2020-01-01');
    SELECT hotline_next_ticket_sequence((now() AT TIME ZONE 'Asia/Shanghai')::date);
  )sql");

  const pqxx::row done = tx.exec1(
      "SELECT created_partitions, pruned_consumed, dropped_sequences "
      "FROM hotline_maintenance()");
  CHECK(done[1].as<int64_t>() == 2);
  CHECK(done[2].as<int>() == 1);
  CHECK(tx.exec1("SELECT count(*) FROM consumed_events")[0].as<int>() == 1);
  CHECK(tx.exec1("SELECT to_regclass('ticket_number_seq_20200101') IS NULL")[0].as<bool>());
  // Today's numbering goes on where it was.
  CHECK(tx.exec1("SELECT hotline_next_ticket_sequence((now() AT TIME ZONE "
                 "'Asia/Shanghai')::date)")[0]
            .as<int>() == 2);
  // This month and the next three have their own ticket_events partition.
  CHECK(tx.exec1("SELECT count(*) FROM pg_inherits WHERE inhparent = 'ticket_events'::regclass "
                 "AND inhrelid::regclass::text ~ '_y[0-9]{4}m[0-9]{2}$'")[0]
            .as<int>() >= 4);
  // Run twice: nothing more to do.
  const pqxx::row again = tx.exec1(
      "SELECT created_partitions, pruned_consumed, dropped_sequences "
      "FROM hotline_maintenance()");
  CHECK(again[0].as<int>() == 0);
  CHECK(again[1].as<int64_t>() == 0);
  CHECK(again[2].as<int>() == 0);
}

TEST_CASE("one process at a time runs the ticket core's housekeeping", "[pg][maintenance]") {
  testing::ScratchDatabase db;
  PgPool pool({.url = db.url(), .size = 2});
  auto holder = OpenConnection(db.url());
  REQUIRE(holder.ok());
  pqxx::nontransaction held(**holder);
  held.exec_params("SELECT pg_advisory_lock($1)", ticketstore::kTicketCoreMaintenanceLockKey);
  held.exec(
      "INSERT INTO consumed_events (consumer_group, event_id, consumed_at) VALUES "
      "('routing', gen_random_uuid(), now() - interval '30 days')");

  absl::StatusOr<ticketstore::MaintenanceRun> skipped = ticketstore::RunTicketCoreMaintenance(pool);
  REQUIRE(skipped.ok());
  CHECK_FALSE(skipped->ran);
  CHECK(db.Count("SELECT count(*) FROM consumed_events") == 1);

  held.exec_params("SELECT pg_advisory_unlock($1)", ticketstore::kTicketCoreMaintenanceLockKey);
  absl::StatusOr<ticketstore::MaintenanceRun> done = ticketstore::RunTicketCoreMaintenance(pool);
  REQUIRE(done.ok());
  CHECK(done->ran);
  CHECK(done->pruned_consumed == 1);
  CHECK(db.Count("SELECT count(*) FROM consumed_events") == 0);
}

}  // namespace
}  // namespace hotline::pg
