#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "hotline/intake/v1/intake.pb.h"
#include "libs/crypto/field_cipher.h"
#include "libs/domain/event_types.h"
#include "libs/pg/transact.h"
#include "libs/ticketstore/pg_ticket_store.h"
#include "tests/support/core/sample_tickets.h"
#include "tests/support/scratch_database.h"

namespace hotline::ticketstore::testing {

namespace v1 = hotline::common::v1;

inline constexpr char kPhone[] = "13987654321";
inline constexpr char kName[] = "王小明";
inline constexpr char kContent[] = "孩子被锁在家里三天没有人照看";
inline constexpr char kSupplement[] = "邻居说晚上听到哭声";

inline crypto::FieldCipher Cipher(const std::string& keyring) {
  auto ring = crypto::Keyring::Parse(keyring);
  REQUIRE(ring.ok());
  return crypto::FieldCipher(*std::move(ring));
}

inline absl::TimeZone Shanghai() {
  absl::TimeZone zone;
  REQUIRE(absl::LoadTimeZone("Asia/Shanghai", &zone));
  return zone;
}

// The ticket core on a scratch database with a keyring of its own.
struct SealedFixture {
  explicit SealedFixture(std::string keyring = crypto::NewKeyringText("k1"))
      : ring_text(std::move(keyring)),
        cipher(Cipher(ring_text)),
        pool({.url = db.url(), .size = 2}),
        store({.instance_id = "5301", .zone = Shanghai(), .stream_partitions = 8}, cipher,
              SystemClock::Get()) {}

  v1::Ticket Open() {
    v1::Ticket draft = support::SampleTicketDraft();
    draft.mutable_caller()->set_phone(kPhone);
    draft.mutable_caller()->set_name(kName);
    draft.set_content(kContent);
    draft.add_attachments()->set_uri("https://files.example/door.jpg");
    auto ticket = pg::TransactFor<v1::Ticket>(
        pool, [&](pqxx::work& tx) { return store.Create(tx, draft, support::SampleActor("t")); });
    REQUIRE(ticket.ok());
    return *ticket;
  }
  void Supplement(const v1::Ticket& t) {
    v1::TicketStateChanged payload;  // any contract payload will do for the text's event
    REQUIRE(pg::Transact(pool, [&](pqxx::work& tx) {
              TicketText text{TicketText::Kind::kSupplement, kSupplement};
              return store
                  .RecordWithText(tx, t.id(), 0, event_type::kIntakeSupplementAdded,
                                  hotline::intake::v1::SupplementAdded(), support::SampleActor("t"),
                                  text)
                  .status();
            }).ok());
  }
  absl::StatusOr<v1::Ticket> Get(int64_t id, const PgTicketStore& reader) {
    return pg::TransactFor<v1::Ticket>(pool, [&](pqxx::work& tx) { return reader.Get(tx, id); });
  }
  // Every column of every row of `table`, as text.
  std::string Dump(const std::string& table) {
    return db.Text("SELECT coalesce(string_agg(t::text, ' '), '') FROM " + table + " t");
  }

  ::hotline::testing::ScratchDatabase db;
  std::string ring_text;
  crypto::FieldCipher cipher;
  pg::PgPool pool;
  PgTicketStore store;
};

}  // namespace hotline::ticketstore::testing
