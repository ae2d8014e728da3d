// The audit trail on real PostgreSQL: rows are added, never changed or removed through the
// tables (the database refuses, whatever the application does), and retention still drops a
// whole month's partition.
#include <catch2/catch.hpp>
#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/transaction>
#include <string>

#include "libs/pg/pg_pool.h"
#include "tests/support/scratch_database.h"

namespace hotline::security {
namespace {

// The error `sql` fails with ("" when it succeeds), in a transaction of its own.
std::string ErrorOf(pqxx::connection& conn, const std::string& sql) {
  try {
    pqxx::work tx(conn);
    tx.exec(sql);
    tx.commit();
  } catch (const pqxx::insufficient_privilege& e) {
    return e.what();
  }
  return "";
}

// Whether `sql` fails with the append-only refusal.
bool Refused(pqxx::connection& conn, const std::string& sql) {
  return ErrorOf(conn, sql).find("append-only") != std::string::npos;
}

constexpr char kAuditRow[] = R"sql(
INSERT INTO intake_audit_reads (read_at, ticket_id, principal, role, method, fields, reason)
VALUES (now(), 7, 'console-1', 1, 'GetTicket', '{caller.name,caller.phone}', 'took the ticket');
INSERT INTO routing_audit_reads (read_at, ticket_id, assignment_id, principal, caller_withheld)
VALUES (now(), 7, 3, '530102-education', false);
INSERT INTO routing_audit_grants
  (at, grant_id, ticket_id, unit_id, principal, role, action, reason, expires_at)
VALUES (now(), 1, 7, '530102-civil-affairs', 'office', 3, 'grant', 'why', now() + interval '1 day');
INSERT INTO transfer_disclosures (ticket_id, peer, direction) VALUES (7, '5303', 'sent');
INSERT INTO transfer_topology_audit (principal, action, subject) VALUES ('ops', 'remove_peer', '51');
INSERT INTO transfer_delivery_audit (principal, role, action, peer, messages, reason)
VALUES ('ops', 'admin', 'park', '51', 1, 'why');
)sql";

TEST_CASE("The audit tables refuse UPDATE, DELETE and TRUNCATE", "[security][audit]") {
  testing::ScratchDatabase db;
  auto conn = pg::OpenConnection(db.url());
  REQUIRE(conn.ok());
  pqxx::nontransaction(**conn).exec(kAuditRow);

  for (const std::string table : {"intake_audit_reads", "routing_audit_reads",
                                  "routing_audit_grants", "transfer_disclosures"}) {
    INFO(table);
    CHECK(Refused(**conn, "UPDATE " + table + " SET ticket_id = 8"));
    CHECK(Refused(**conn, "DELETE FROM " + table));
    CHECK(Refused(**conn, "TRUNCATE " + table));
    CHECK(db.Count("SELECT count(*) FROM " + table + " WHERE ticket_id = 7") == 1);
  }
  // The month's partition, reached directly, refuses as its parent does.
  const std::string partition =
      db.Text("SELECT tableoid::regclass::text FROM routing_audit_reads LIMIT 1");
  REQUIRE(partition != "routing_audit_reads");
  CHECK(Refused(**conn, "DELETE FROM " + partition));
  for (const std::string table : {"transfer_topology_audit", "transfer_delivery_audit"}) {
    INFO(table);
    CHECK(Refused(**conn, "UPDATE " + table + " SET principal = 'x'"));
    CHECK(Refused(**conn, "DELETE FROM " + table));
    CHECK(db.Count("SELECT count(*) FROM " + table) == 1);
  }
  // Adding goes on.
  pqxx::nontransaction(**conn).exec(
      "INSERT INTO routing_audit_reads (read_at, ticket_id, assignment_id, principal, "
      "caller_withheld) VALUES (now(), 9, 4, 'u', true)");
  CHECK(db.Count("SELECT count(*) FROM routing_audit_reads") == 2);
}

TEST_CASE("Retention drops a whole month of audit rows", "[security][audit]") {
  testing::ScratchDatabase db;
  auto conn = pg::OpenConnection(db.url());
  REQUIRE(conn.ok());
  pqxx::nontransaction tx(**conn);
  tx.exec(R"sql(
    CREATE TABLE intake_audit_reads_y2020m01 PARTITION OF intake_audit_reads
      FOR VALUES FROM ('2020-01-01') TO ('2020-02-01');
    INSERT INTO intake_audit_reads (read_at, ticket_id, principal, role, method)
    VALUES ('2020-01-15', 1, 'console-1', 1, 'GetTicket'), (now(), 2, 'console-1', 1, 'GetTicket');
  )sql");
  REQUIRE(db.Count("SELECT count(*) FROM intake_audit_reads") == 2);
  tx.exec("DROP TABLE intake_audit_reads_y2020m01");
  CHECK(db.Count("SELECT count(*) FROM intake_audit_reads") == 1);
  CHECK(db.Count("SELECT count(*) FROM intake_audit_reads WHERE ticket_id = 2") == 1);
}

TEST_CASE("A login that does not own the audit tables adds rows but may not change them",
          "[security][audit]") {
  testing::ScratchDatabase db;
  auto conn = pg::OpenConnection(db.url());
  REQUIRE(conn.ok());
  // Session settings (SET ROLE) outlive each statement's own transaction.
  auto run = [&](const std::string& sql) { pqxx::nontransaction(**conn).exec(sql); };
  const std::string role = db.name() + "_service";
  run("CREATE ROLE " + role + " NOLOGIN");
  run("GRANT ALL ON routing_audit_reads, routing_audit_reads_default TO " + role);
  // Applying the rule again takes back what a wholesale GRANT gave.
  run("SELECT hotline_revoke_audit_changes('routing_audit_reads')");
  run("SET ROLE " + role);
  run("INSERT INTO routing_audit_reads (read_at, ticket_id, assignment_id, principal, "
      "caller_withheld) VALUES (now(), 9, 4, 'u', true)");
  for (const std::string sql :
       {"UPDATE routing_audit_reads SET ticket_id = 8", "DELETE FROM routing_audit_reads_default",
        "TRUNCATE routing_audit_reads"}) {
    INFO(sql);
    CHECK(ErrorOf(**conn, sql).find("permission denied") != std::string::npos);
  }
  run("RESET ROLE");
  CHECK(db.Count("SELECT count(*) FROM routing_audit_reads") == 1);
  run("DROP OWNED BY " + role);
  run("DROP ROLE " + role);
}

}  // namespace
}  // namespace hotline::security
