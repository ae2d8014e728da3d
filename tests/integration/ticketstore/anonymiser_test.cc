// Tickets at rest lose their personal data after the retention; the rest of the ticket stays.
#include "libs/ticketstore/anonymiser.h"

#include <catch2/catch.hpp>

#include "absl/strings/substitute.h"
#include "tests/integration/ticketstore/sealed_fixture.h"

namespace hotline::ticketstore {
namespace {

using testing::kPhone;
using testing::SealedFixture;

TEST_CASE("tickets at rest past the retention are cleared of personal data, the rest kept",
          "[anonymise]") {
  SealedFixture f;
  const int64_t old_archived = f.Open().id();
  const int64_t new_archived = f.Open().id();
  const int64_t old_open = f.Open().id();
  f.Supplement(*f.Get(old_archived, f.store));
  const auto set = [&](int64_t id, const std::string& state, const std::string& age) {
    f.db.Count("WITH u AS (UPDATE tickets SET state = '" + state + "', updated_at = now() - " +
               "interval '" + age + "' WHERE id = " + std::to_string(id) +
               " RETURNING 1) SELECT count(*) FROM u");
  };
  set(old_archived, "ARCHIVED", "4 years");
  set(new_archived, "ARCHIVED", "1 day");
  set(old_open, "DISPATCHED", "4 years");
  // A unit's reply kept with the old ticket (routing's table of sealed free text).
  f.db.Count(R"sql(WITH d AS (INSERT INTO routing_department_types (code, name)
      VALUES ('education', 'education') RETURNING 1),
    u AS (INSERT INTO routing_units (id, name, region_code, tier, department)
      SELECT '530102-education', 'x', '530102', 3, 'education' FROM d RETURNING 1),
    a AS (INSERT INTO routing_assignments (ticket_id, ticket_number, unit_id, role, state, round,
        dispatched_at, category, region_code, urgency, kind, reply)
      SELECT )sql" +
             std::to_string(old_archived) +
             R"sql(, 'n', '530102-education', 1, 4, 1, now(), 'education/fees', '530102', 1, 3,
        '已联系王小明家长' FROM u RETURNING 1)
    SELECT count(*) FROM a)sql");

  // The ticket went to another instance and back: a delivered message, one still pending (for
  // the operators), and a peer's message held for it.
  const std::string number =
      f.db.Text("SELECT number FROM tickets WHERE id = " + std::to_string(old_archived));
  f.db.Count(absl::Substitute(R"sql(
    WITH m AS (INSERT INTO transfer_outbox (peer, ticket_id, sequence, envelope, state)
               VALUES ('53', $0, 1, '\x0102'::bytea, 1), ('53', $0, 2, '\x0304'::bytea, 0)
               RETURNING 1),
         i AS (INSERT INTO transfer_inbox (origin_instance, origin_ticket_number, sequence, state,
                                           envelope, local_ticket_number)
               VALUES ('53', 'P1', 2, 2, '\x05'::bytea, '$1') RETURNING 1)
    SELECT (SELECT count(*) FROM m) + (SELECT count(*) FROM i))sql",
                              old_archived, number));

  auto cleared = Anonymise(f.pool, absl::Now() - absl::Hours(24 * 365 * 3), /*batch=*/1);
  REQUIRE(cleared.ok());
  CHECK(*cleared == 1);

  auto gone = f.Get(old_archived, f.store);
  REQUIRE(gone.ok());
  CHECK(gone->caller().phone().empty());
  CHECK(gone->caller().name().empty());
  CHECK(gone->content().empty());
  CHECK(gone->attachments_size() == 0);
  CHECK(gone->category() == "public-utilities/water");  // what the figures need stays
  CHECK(gone->state() == hotline::common::v1::TICKET_STATE_ARCHIVED);
  const std::string id = std::to_string(old_archived);
  CHECK(f.db.Count("SELECT count(*) FROM tickets WHERE id = " + id +
                   " AND anonymised_at IS NOT NULL AND sealed IS NULL "
                   "AND caller_phone_index IS NULL") == 1);
  CHECK(f.db.Count("SELECT count(*) FROM ticket_texts WHERE ticket_id = " + id +
                   " AND (sealed IS NOT NULL OR body <> '')") == 0);
  CHECK(f.Dump("routing_assignments").find("王小明") == std::string::npos);
  CHECK(f.db.Count("SELECT count(*) FROM ticket_events WHERE ticket_id = " + id) >= 2);
  CHECK(f.db.Count("SELECT count(*) FROM transfer_outbox WHERE ticket_id = " + id +
                   " AND envelope <> ''::bytea") == 1);  // the pending one
  CHECK(f.db.Count("SELECT count(*) FROM transfer_outbox WHERE ticket_id = " + id +
                   " AND state = 1 AND envelope = ''::bytea") == 1);
  CHECK(f.db.Count("SELECT count(*) FROM transfer_inbox WHERE envelope IS NOT NULL") == 0);

  for (int64_t kept : {new_archived, old_open}) {
    auto read = f.Get(kept, f.store);
    REQUIRE(read.ok());
    CHECK(read->caller().phone() == kPhone);
  }
  auto again = Anonymise(f.pool, absl::Now() - absl::Hours(24 * 365 * 3));
  REQUIRE(again.ok());
  CHECK(*again == 0);
}

}  // namespace
}  // namespace hotline::ticketstore
