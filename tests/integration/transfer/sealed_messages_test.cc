// Transfer's envelopes at rest on real PostgreSQL: the outbox and the inbox hold no caller's name
// or phone, read back whole, do not open in another row, and rows written in clear before
// migration 0028 still read.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "libs/common/proto_time.h"
#include "libs/crypto/field_cipher.h"
#include "libs/pg/pg_pool.h"
#include "libs/pg/pg_transaction.h"
#include "services/provincial-transfer/store/pg_message_store.h"
#include "tests/support/core/sample_tickets.h"
#include "tests/support/scratch_database.h"

namespace hotline::transfer {
namespace {

constexpr char kName[] = "张三封存";
constexpr char kPhone[] = "13987654321";

v1::PeerEnvelope TicketEnvelope(const std::string& number, int64_t sequence) {
  v1::PeerEnvelope e;
  e.set_origin_instance("5301");
  e.set_origin_ticket_number(number);
  e.set_sequence(sequence);
  e.set_destination_instance("53");
  *e.mutable_sent_at() = ToTimestamp(absl::FromUnixSeconds(1796600000));
  common::v1::Ticket* t = e.mutable_ticket()->mutable_ticket();
  *t = support::SampleTicketDraft();
  t->set_number(number);
  t->mutable_caller()->set_name(kName);
  t->mutable_caller()->set_phone(kPhone);
  return e;
}

struct Fixture {
  // Rows of `table` whose envelope holds `marker`'s bytes anywhere, or whose text shows it.
  int64_t Showing(const std::string& table, const std::string& marker) {
    return db.Count(absl::StrCat("SELECT count(*) FROM ", table, " t WHERE position(convert_to('",
                                 marker, "', 'UTF8') IN t.envelope) > 0 OR t::text LIKE '%", marker,
                                 "%'"));
  }
  std::vector<OutboxMessage> Due() {
    std::vector<OutboxMessage> due;
    REQUIRE(transactions
                .Run([&](Transaction& tx) {
                  due = messages.Due(tx, "53", absl::FromUnixSeconds(1796700000), 10, {});
                  return absl::OkStatus();
                })
                .ok());
    return due;
  }
  std::optional<InboxEntry> Inbox(const std::string& number, int64_t sequence) {
    std::optional<InboxEntry> entry;
    REQUIRE(transactions
                .Run([&](Transaction& tx) {
                  entry = messages.InboxOf(tx, "5301", number, sequence);
                  return absl::OkStatus();
                })
                .ok());
    return entry;
  }

  testing::ScratchDatabase db;
  pg::PgPool pool{{.url = db.url(), .size = 2}};
  pg::PgTransactionRunner transactions{pool};
  PgMessageStore messages{crypto::EphemeralCipher()};
};

TEST_CASE("The outbox and the inbox hold no caller's name or phone, and read back whole",
          "[transfer][sealed]") {
  Fixture f;
  REQUIRE(f.transactions
              .Run([&](Transaction& tx) {
                f.messages.Enqueue(tx, "53", 41, TicketEnvelope("5301-20261207-000041", 1));
                f.messages.RecordHeld(tx, TicketEnvelope("5301-20261207-000042", 2),
                                      absl::FromUnixSeconds(1796600000));
                return absl::OkStatus();
              })
              .ok());
  for (const std::string table : {"transfer_outbox", "transfer_inbox"}) {
    INFO(table);
    CHECK(f.db.Count("SELECT count(*) FROM " + table) == 1);
    CHECK(f.Showing(table, kPhone) == 0);
    CHECK(f.Showing(table, kName) == 0);
    CHECK(f.db.Text("SELECT envelope_key FROM " + table) ==
          crypto::EphemeralCipher().active_key_id());
  }

  const std::vector<OutboxMessage> due = f.Due();
  REQUIRE(due.size() == 1);
  CHECK(due[0].readable.ok());
  CHECK(due[0].envelope.ticket().ticket().caller().phone() == kPhone);
  CHECK(due[0].envelope.ticket().ticket().caller().name() == kName);

  const std::optional<InboxEntry> held = f.Inbox("5301-20261207-000042", 2);
  REQUIRE(held.has_value());
  CHECK(held->readable.ok());
  REQUIRE(held->envelope.has_value());
  CHECK(held->envelope->ticket().ticket().caller().phone() == kPhone);
}

TEST_CASE("An envelope copied to another outbox row does not open there and is not sent",
          "[transfer][sealed]") {
  Fixture f;
  REQUIRE(f.transactions
              .Run([&](Transaction& tx) {
                f.messages.Enqueue(tx, "53", 51, TicketEnvelope("5301-20261207-000051", 1));
                f.messages.Enqueue(tx, "53", 52, TicketEnvelope("5301-20261207-000052", 1));
                return absl::OkStatus();
              })
              .ok());
  CHECK(f.db.Count("WITH s AS (UPDATE transfer_outbox SET envelope = (SELECT envelope FROM "
                   "transfer_outbox WHERE ticket_id = 51) WHERE ticket_id = 52 RETURNING 1) "
                   "SELECT count(*) FROM s") == 1);
  const std::vector<OutboxMessage> due = f.Due();
  REQUIRE(due.size() == 2);
  for (const OutboxMessage& m : due) {
    INFO(m.ticket_id);
    if (m.ticket_id == 51) {
      CHECK(m.readable.ok());
      CHECK(m.envelope.origin_ticket_number() == "5301-20261207-000051");
    } else {
      CHECK(m.readable.code() == absl::StatusCode::kDataLoss);
      CHECK_FALSE(m.envelope.has_ticket());
      // The reason names the row, never what the envelope holds.
      CHECK(m.readable.message().find(kPhone) == std::string::npos);
    }
  }
}

TEST_CASE("Envelopes written in clear before sealing still read", "[transfer][sealed]") {
  Fixture f;
  const std::string outbox =
      absl::Base64Escape(TicketEnvelope("5301-20261207-000061", 1).SerializeAsString());
  const std::string inbox =
      absl::Base64Escape(TicketEnvelope("5301-20261207-000062", 3).SerializeAsString());
  // As the service wrote them before migration 0028: no envelope_key, the envelope in clear.
  CHECK(f.db.Count(absl::StrCat(
            "WITH s AS (INSERT INTO transfer_outbox (peer, ticket_id, sequence, envelope) VALUES "
            "('53', 61, 1, decode('",
            outbox, "', 'base64')) RETURNING 1) SELECT count(*) FROM s")) == 1);
  CHECK(f.db.Count(absl::StrCat(
            "WITH s AS (INSERT INTO transfer_inbox (origin_instance, origin_ticket_number, "
            "sequence, state, envelope) VALUES ('5301', '5301-20261207-000062', 3, 2, decode('",
            inbox, "', 'base64')) RETURNING 1) SELECT count(*) FROM s")) == 1);

  const std::vector<OutboxMessage> due = f.Due();
  REQUIRE(due.size() == 1);
  CHECK(due[0].readable.ok());
  CHECK(due[0].envelope.ticket().ticket().caller().phone() == kPhone);

  const std::optional<InboxEntry> held = f.Inbox("5301-20261207-000062", 3);
  REQUIRE(held.has_value());
  REQUIRE(held->envelope.has_value());
  CHECK(held->envelope->ticket().ticket().caller().name() == kName);
}

}  // namespace
}  // namespace hotline::transfer
