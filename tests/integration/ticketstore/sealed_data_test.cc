#include <catch2/catch.hpp>
#include <pqxx/binarystring>
#include <pqxx/result>

#include "absl/strings/escaping.h"
#include "hotline/intake/v1/intake.pb.h"
#include "libs/crypto/field_cipher.h"
#include "libs/domain/event_types.h"
#include "libs/pg/transact.h"
#include "libs/ticketstore/pg_ticket_store.h"
#include "libs/ticketstore/resealer.h"
#include "libs/ticketstore/sealed_columns.h"
#include "tests/integration/ticketstore/sealed_fixture.h"
#include "tests/support/core/sample_tickets.h"

namespace hotline::ticketstore {
namespace {

namespace v1 = hotline::common::v1;
using testing::Cipher;
using testing::kContent;
using testing::kName;
using testing::kPhone;
using testing::kSupplement;
using testing::SealedFixture;
using testing::Shanghai;

TEST_CASE("the tables hold no caller's name, phone or words, and the store reads them back",
          "[sealed]") {
  SealedFixture f;
  const v1::Ticket t = f.Open();
  f.Supplement(t);
  for (const std::string table : {"tickets", "ticket_texts", "ticket_events"}) {
    const std::string raw = f.Dump(table);
    INFO(table);
    CHECK(raw.find(kPhone) == std::string::npos);
    CHECK(raw.find(kName) == std::string::npos);
    CHECK(raw.find(kContent) == std::string::npos);
    CHECK(raw.find(kSupplement) == std::string::npos);
    CHECK(raw.find("door.jpg") == std::string::npos);
  }
  CHECK(f.db.Text("SELECT sealed_key FROM tickets") == "k1");
  CHECK(f.db.Text("SELECT sealed_key FROM ticket_texts") == "k1");
  // The blind index finds the caller's tickets without the phone.
  CHECK(f.db.Count("SELECT count(*) FROM tickets WHERE caller_phone_index = decode('" +
                   absl::BytesToHexString(f.cipher.BlindIndex(kPhone)) + "', 'hex')") == 1);

  auto read = f.Get(t.id(), f.store);
  REQUIRE(read.ok());
  CHECK(read->caller().phone() == kPhone);
  CHECK(read->caller().name() == kName);
  CHECK(read->content() == kContent);
  REQUIRE(read->attachments_size() == 1);
  CHECK(read->attachments(0).uri() == "https://files.example/door.jpg");
  auto texts = pg::TransactFor<std::vector<TicketText>>(
      f.pool, [&](pqxx::work& tx) { return f.store.Texts(tx, t.id()); });
  REQUIRE(texts.ok());
  REQUIRE(texts->size() == 1);
  CHECK((*texts)[0].body == kSupplement);
}

TEST_CASE("a row's sealed data does not open in another row, nor under other keys", "[sealed]") {
  SealedFixture f;
  const v1::Ticket a = f.Open();
  const v1::Ticket b = f.Open();
  // Copying a's sealed fields over b's is detected, not read as b's.
  f.db.Count("WITH s AS (UPDATE tickets SET sealed = (SELECT sealed FROM tickets WHERE id = " +
             std::to_string(a.id()) + ") WHERE id = " + std::to_string(b.id()) +
             " RETURNING 1) SELECT count(*) FROM s");
  CHECK(f.Get(b.id(), f.store).status().code() == absl::StatusCode::kInternal);
  CHECK(f.Get(a.id(), f.store).ok());

  const crypto::FieldCipher stranger = Cipher(crypto::NewKeyringText("k1"));
  PgTicketStore other({.instance_id = "5301", .zone = Shanghai(), .stream_partitions = 8}, stranger,
                      SystemClock::Get());
  auto read = f.Get(a.id(), other);
  CHECK(read.status().code() == absl::StatusCode::kInternal);
  CHECK(std::string(read.status().message()).find(kPhone) == std::string::npos);
}

TEST_CASE(
    "rows written before sealing are sealed by the resealer, and a rotation re-seals every "
    "row with the new key without losing any",
    "[sealed]") {
  SealedFixture f;
  const v1::Ticket sealed = f.Open();
  f.Supplement(sealed);
  // Rows as written before migration 0027: plain columns, nothing sealed.
  f.db.Count(R"sql(WITH s AS (
    INSERT INTO tickets (number, instance_id, channel, source_line, kind, urgency, category,
      region_code, address, caller_name, caller_phone, content, state, created_at, updated_at)
    VALUES ('5301-20260101-000009', '5301', 1, 1, 3, 1, 'urban/water', '530102', '五华区某路',
      '李四', '13700001111', '旧工单的内容', 'RECEIVED', now(), now())
    RETURNING id) SELECT count(*) FROM s)sql");
  const int64_t legacy = f.db.Count("SELECT id FROM tickets WHERE sealed IS NULL");
  f.db.Count(R"sql(WITH s AS (
    INSERT INTO ticket_texts (ticket_id, ticket_version, kind, written_at, body)
    VALUES ()sql" +
             std::to_string(legacy) + R"sql(, 2, 'supplement', now(), '旧的补充')
    RETURNING 1) SELECT count(*) FROM s)sql");
  auto before = f.Get(legacy, f.store);
  REQUIRE(before.ok());
  CHECK(before->caller().phone() == "13700001111");

  auto first = Reseal(f.pool, f.cipher, /*batch=*/1);
  REQUIRE(first.ok());
  CHECK(first->tickets == 1);
  CHECK(first->texts == 1);
  CHECK(f.Dump("tickets").find("13700001111") == std::string::npos);
  CHECK(f.Dump("ticket_texts").find("旧的补充") == std::string::npos);
  CHECK(f.db.Count("SELECT count(*) FROM tickets WHERE sealed IS NULL") == 0);
  auto resealed = f.Get(legacy, f.store);
  REQUIRE(resealed.ok());
  CHECK(resealed->caller().phone() == "13700001111");
  CHECK(resealed->caller().name() == "李四");
  CHECK(resealed->content() == "旧工单的内容");

  // Rotation: k2 joins the keyring and becomes active; k1 stays listed until nothing uses it.
  std::string rotated = f.ring_text + crypto::NewDataKeyLine("k2") + "\n";
  rotated.replace(rotated.find("active k1"), 9, "active k2");
  const crypto::FieldCipher after = Cipher(rotated);
  auto second = Reseal(f.pool, after, /*batch=*/1);
  REQUIRE(second.ok());
  CHECK(second->tickets == 2);
  CHECK(second->texts == 2);
  CHECK(f.db.Count("SELECT count(*) FROM tickets WHERE sealed_key <> 'k2'") == 0);
  CHECK(f.db.Count("SELECT count(*) FROM ticket_texts WHERE sealed_key <> 'k2'") == 0);
  // Nothing is left for k1: a keyring of k2 alone reads everything.
  std::string only_k2 = rotated;
  only_k2.erase(only_k2.find("data k1"),
                only_k2.find('\n', only_k2.find("data k1")) - only_k2.find("data k1") + 1);
  const crypto::FieldCipher k2_only = Cipher(only_k2);
  PgTicketStore reader({.instance_id = "5301", .zone = Shanghai(), .stream_partitions = 8}, k2_only,
                       SystemClock::Get());
  for (int64_t id : {sealed.id(), legacy}) {
    auto read = f.Get(id, reader);
    REQUIRE(read.ok());
    CHECK_FALSE(read->caller().phone().empty());
  }
  auto third = Reseal(f.pool, after);
  REQUIRE(third.ok());
  CHECK(third->tickets == 0);
  CHECK(third->texts == 0);
}

TEST_CASE(
    "routing's replies and supervision's reasons written plain are sealed by the resealer, "
    "re-sealed on rotation, and open only in their own row",
    "[sealed]") {
  SealedFixture f;
  const std::string ticket = std::to_string(f.Open().id());
  // Rows as written before migration 0046: the texts in their plain columns.
  f.db.Count(R"sql(WITH d AS (INSERT INTO routing_department_types (code, name)
      VALUES ('education', 'education') RETURNING 1),
    u AS (INSERT INTO routing_units (id, name, region_code, tier, department)
      SELECT '530102-education', 'x', '530102', 3, 'education' FROM d RETURNING 1),
    a AS (INSERT INTO routing_assignments (ticket_id, ticket_number, unit_id, role, state, round,
        dispatched_at, category, region_code, urgency, kind, reply, return_reason)
      SELECT )sql" +
             ticket + R"sql(, 'n', '530102-education', 1, 4, 1, now(), 'education/fees',
        '530102', 1, 3, '已联系王小明家长', '' FROM u RETURNING 1),
    s AS (INSERT INTO supervision_suspension_requests (ticket_id, ticket_number, region_code,
        requested_by, reason, requested_at, decision_reason)
      VALUES ()sql" +
             ticket + R"sql(, 'n', '530102', 'office', '等待王小明提供材料', now(),
        '同意') RETURNING 1)
    SELECT (SELECT count(*) FROM a) + (SELECT count(*) FROM s))sql");
  const auto reply_of = [&](const crypto::FieldCipher& cipher) {
    return pg::TransactFor<std::string>(f.pool, [&](pqxx::work& tx) -> absl::StatusOr<std::string> {
      const pqxx::row r = tx.exec1("SELECT id, reply, reply_sealed FROM routing_assignments");
      return OpenColumn(cipher, "routing_assignments", r[0].as<int64_t>(), "reply", r[1], r[2]);
    });
  };
  CHECK(*reply_of(f.cipher) == "已联系王小明家长");  // plain rows still read

  auto first = Reseal(f.pool, f.cipher);
  REQUIRE(first.ok());
  CHECK(first->free_text == 2);
  for (const std::string table : {"routing_assignments", "supervision_suspension_requests"}) {
    INFO(table);
    CHECK(f.Dump(table).find("王小明") == std::string::npos);
    CHECK(f.Dump(table).find("同意") == std::string::npos);
    CHECK(f.db.Text("SELECT sealed_key FROM " + table) == "k1");
  }
  CHECK(*reply_of(f.cipher) == "已联系王小明家长");

  std::string rotated = f.ring_text + crypto::NewDataKeyLine("k2") + "\n";
  rotated.replace(rotated.find("active k1"), 9, "active k2");
  const crypto::FieldCipher after = Cipher(rotated);
  auto second = Reseal(f.pool, after);
  REQUIRE(second.ok());
  CHECK(second->free_text == 2);
  CHECK(f.db.Text("SELECT sealed_key FROM routing_assignments") == "k2");
  CHECK(*reply_of(after) == "已联系王小明家长");
  auto third = Reseal(f.pool, after);
  REQUIRE(third.ok());
  CHECK(third->free_text == 0);

  // Bound to its row: the reply copied into the reason's column does not open there.
  f.db.Count(
      "WITH c AS (UPDATE routing_assignments SET return_reason_sealed = reply_sealed "
      "RETURNING 1) SELECT count(*) FROM c");
  auto copied = pg::TransactFor<std::string>(f.pool, [&](pqxx::work& tx) {
    const pqxx::row r =
        tx.exec1("SELECT id, return_reason, return_reason_sealed FROM routing_assignments");
    return OpenColumn(after, "routing_assignments", r[0].as<int64_t>(), "return_reason", r[1],
                      r[2]);
  });
  CHECK(copied.status().code() == absl::StatusCode::kDataLoss);
  CHECK(std::string(copied.status().message()).find("王小明") == std::string::npos);
}

}  // namespace
}  // namespace hotline::ticketstore
