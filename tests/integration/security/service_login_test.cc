// The services' database login on real PostgreSQL (migration 0049): a member of hotline_service
// reads and writes the data, runs the routines that make partitions and sequences, and can do
// nothing the schema's owner alone may: change the schema, disable the audit trail's triggers,
// change an audit row, or rewrite the migrations' record.
#include <catch2/catch.hpp>
#include <pqxx/except>
#include <pqxx/nontransaction>
#include <pqxx/transaction>
#include <string>

#include "absl/strings/str_replace.h"
#include "libs/pg/migrator.h"
#include "libs/pg/pg_pool.h"
#include "tests/support/scratch_database.h"

namespace hotline::security {
namespace {

// A login in the services' role for one scratch database, dropped with the object.
class ServiceLogin {
 public:
  explicit ServiceLogin(const testing::ScratchDatabase& db) : db_(db), name_(db.name() + "_app") {
    Owner("CREATE ROLE " + name_ + " LOGIN IN ROLE hotline_service");
    url_ = absl::StrReplaceAll(db.url(), {{"//hotline@", "//" + name_ + "@"}});
    REQUIRE(url_ != db.url());
  }
  ~ServiceLogin() { Owner("DROP ROLE IF EXISTS " + name_); }

  const std::string& url() const { return url_; }
  // The privilege error `sql` fails with as this login ("" when it succeeds).
  std::string ErrorOf(const std::string& sql) const {
    auto conn = pg::OpenConnection(url_);
    REQUIRE(conn.ok());
    try {
      pqxx::work tx(**conn);
      tx.exec(sql);
      tx.commit();
    } catch (const pqxx::insufficient_privilege& e) {
      return e.what();
    }
    return "";
  }

 private:
  void Owner(const std::string& sql) const {
    auto conn = pg::OpenConnection(db_.url());
    REQUIRE(conn.ok());
    pqxx::nontransaction(**conn).exec(sql);
  }

  const testing::ScratchDatabase& db_;
  std::string name_;
  std::string url_;
};

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_CASE("The services' login writes data and audit rows but may not change audit rows",
          "[security][service_login]") {
  testing::ScratchDatabase db;
  ServiceLogin app(db);
  CHECK(app.ErrorOf("INSERT INTO routing_audit_reads (read_at, ticket_id, assignment_id, "
                    "principal, caller_withheld) VALUES (now(), 9, 4, 'u', true)") == "");
  CHECK(app.ErrorOf("INSERT INTO intake_audit_reads (read_at, ticket_id, principal, role, method) "
                    "VALUES (now(), 9, 'console-1', 1, 'GetTicket')") == "");
  for (const std::string sql : {
           "UPDATE routing_audit_reads SET ticket_id = 8",
           "DELETE FROM intake_audit_reads",
           "TRUNCATE routing_audit_grants",
           "DELETE FROM routing_audit_reads_default",
           "UPDATE transfer_disclosures SET peer = 'x'",
       }) {
    INFO(sql);
    CHECK(Contains(app.ErrorOf(sql), "permission denied"));
  }
  // Only the owner could switch the append-only triggers off, or drop the table.
  CHECK(
      Contains(app.ErrorOf("ALTER TABLE intake_audit_reads DISABLE TRIGGER ALL"), "must be owner"));
  CHECK(Contains(app.ErrorOf("DROP TABLE routing_audit_grants"), "must be owner"));
  CHECK(db.Count("SELECT count(*) FROM routing_audit_reads") == 1);
  CHECK(db.Count("SELECT count(*) FROM intake_audit_reads") == 1);
}

TEST_CASE("The services' login may not change the schema or the migrations' record",
          "[security][service_login]") {
  testing::ScratchDatabase db;
  ServiceLogin app(db);
  CHECK(Contains(app.ErrorOf("CREATE TABLE stray (i int)"), "permission denied for schema"));
  CHECK(Contains(app.ErrorOf("ALTER TABLE tickets ADD COLUMN stray int"), "must be owner"));
  CHECK(Contains(app.ErrorOf("DELETE FROM schema_migrations"), "permission denied"));
  CHECK(Contains(app.ErrorOf("INSERT INTO hotline_audit_tables VALUES ('tickets')"),
                 "permission denied"));
  CHECK(Contains(app.ErrorOf("SELECT hotline_ensure_monthly_partitions('ticket_events', 1)"),
                 "permission denied for function"));
  // What the services do at run time is theirs: the queue, the rollups' rebuild, the data.
  CHECK(app.ErrorOf("DELETE FROM outbox_pending") == "");
  CHECK(app.ErrorOf("TRUNCATE reporting_counts") == "");
}

TEST_CASE("The services' login makes partitions and sequences through the owner's routines",
          "[security][service_login]") {
  testing::ScratchDatabase db;
  ServiceLogin app(db);
  const std::string owner = db.Text("SELECT current_user");
  CHECK(app.ErrorOf("SELECT * FROM hotline_maintenance()") == "");
  CHECK(app.ErrorOf("SELECT hotline_next_ticket_sequence(current_date + 400)") == "");
  CHECK(db.Text("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = "
                "'ticket_number_seq_' || to_char(current_date + 400, 'YYYYMMDD')") == owner);
  // A partition made on the services' behalf belongs to the owner and refuses audit changes.
  const std::string ahead = db.Text(
      "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
      "WHERE i.inhparent = 'routing_audit_reads'::regclass ORDER BY c.relname DESC LIMIT 1");
  CHECK(db.Text("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = '" + ahead + "'") ==
        owner);
  CHECK(Contains(app.ErrorOf("DELETE FROM " + ahead), "permission denied"));
}

TEST_CASE("The migrator checks without changing, and grants a later migration's tables",
          "[security][service_login]") {
  testing::ScratchDatabase db;
  ServiceLogin app(db);
  // A migrated database passes the check, and applying as the services' login changes nothing.
  CHECK(pg::CheckMigrated(app.url(), pg::EmbeddedMigrations()).ok());
  CHECK(pg::ApplyMigrations(app.url(), pg::EmbeddedMigrations()).ok());

  std::vector<pg::Migration> later = pg::EmbeddedMigrations();
  later.push_back({9999, "probe", "CREATE TABLE probe_rows (i int)"});
  const absl::Status missing = pg::CheckMigrated(app.url(), later);
  CHECK(missing.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(Contains(std::string(missing.message()), "9999_probe"));
  // Only the owner applies it; the table it adds is the services' to use at once.
  CHECK(!pg::ApplyMigrations(app.url(), later).ok());
  REQUIRE(pg::ApplyMigrations(db.url(), later).ok());
  CHECK(app.ErrorOf("INSERT INTO probe_rows VALUES (1)") == "");
  CHECK(pg::CheckMigrated(app.url(), later).ok());
}

TEST_CASE("An empty database fails the check and names the first migration",
          "[security][service_login]") {
  testing::ScratchDatabase db(/*migrate=*/false);
  const absl::Status status = pg::CheckMigrated(db.url(), pg::EmbeddedMigrations());
  CHECK(status.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(Contains(std::string(status.message()), "0001_"));
}

}  // namespace
}  // namespace hotline::security
