// Migration 0017 takes the personal data out of events written before it: the texts move to
// ticket_texts, every stored envelope loses its personal fields, and nothing else changes.
#include <catch2/catch.hpp>
#include <pqxx/binarystring>
#include <pqxx/nontransaction>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "hotline/intake/v1/intake.pb.h"
#include "hotline/routing/v1/routing.pb.h"
#include "hotline/supervision/v1/supervision.pb.h"
#include "libs/pg/migrator.h"
#include "libs/pg/pg_pool.h"
#include "libs/pg/transact.h"
#include "libs/ticketstore/pg_ticket_store.h"
#include "tests/support/core/sample_tickets.h"
#include "tests/support/scratch_database.h"

namespace hotline::ticketstore {
namespace {

namespace v1 = hotline::common::v1;

constexpr int kLastBefore = 16;  // the schema these events were written under

// What the old outbox wrote: the payload as it was, personal fields included.
void InsertOldEvent(pqxx::work& tx, const v1::Ticket& ticket, int64_t version,
                    const std::string& type, const google::protobuf::Message& payload) {
  v1::EventEnvelope e;
  e.set_event_id(absl::StrCat("00000000-0000-4000-8000-", std::string(11, '0'), version));
  e.set_ticket_id(ticket.id());
  e.set_ticket_number(ticket.number());
  e.set_type(type);
  e.set_ticket_version(version);
  e.mutable_occurred_at()->set_seconds(1'795'000'000 + version);
  e.mutable_payload()->PackFrom(payload);
  tx.exec_params(
      "INSERT INTO ticket_events (event_id, ticket_id, ticket_version, type, stream_partition, "
      "occurred_at, envelope) VALUES ($1, $2, $3, $4, 0, to_timestamp($5), $6)",
      e.event_id(), ticket.id(), version, type, e.occurred_at().seconds(),
      pqxx::binarystring(e.SerializeAsString()));
}

// A field the payload's message no longer declares, as the old outbox wrote it.
void AddOldText(google::protobuf::Message& payload, int field, const std::string& bytes) {
  payload.GetReflection()->MutableUnknownFields(&payload)->AddLengthDelimited(field, bytes);
}

bool HasOldFields(const google::protobuf::Message& payload) {
  return !payload.GetReflection()->GetUnknownFields(payload).empty();
}

v1::EventEnvelope StoredEnvelope(pqxx::work& tx, int64_t version) {
  v1::EventEnvelope e;
  pqxx::binarystring bytes(
      tx.exec_params1("SELECT envelope FROM ticket_events WHERE ticket_version = $1", version)[0]);
  REQUIRE(e.ParseFromString(bytes.str()));
  return e;
}

TEST_CASE("migration 0017 moves texts out of stored events and strips them", "[migration]") {
  testing::ScratchDatabase db(/*migrate=*/false);
  const std::vector<pg::Migration>& all = pg::EmbeddedMigrations();
  std::vector<pg::Migration> before;
  for (const pg::Migration& m : all) {
    if (m.version <= kLastBefore) before.push_back(m);
  }
  REQUIRE(pg::ApplyMigrations(db.url(), before).ok());

  pg::PgPool pool({.url = db.url(), .size = 2});
  absl::TimeZone zone;
  REQUIRE(absl::LoadTimeZone("Asia/Shanghai", &zone));
  PgTicketStore store({.instance_id = "5301", .zone = zone, .stream_partitions = 8},
                      crypto::EphemeralCipher(), SystemClock::Get());
  v1::Ticket full = support::SampleTicketDraft();
  full.set_address("五华区青年路88号");
  full.mutable_caller()->set_name("李四迁移");
  full.mutable_caller()->set_phone("13912345678");
  full.set_content("孩子被关在家里三天没人照顾");
  full.add_attachments()->set_uri("att://ticket-photo");
  // The ticket as the schema of the time held it: plain columns.
  auto ticket =
      pg::TransactFor<v1::Ticket>(pool, [&](pqxx::work& tx) -> absl::StatusOr<v1::Ticket> {
        v1::Ticket t = full;
        t.set_number("5301-20261119-000001");
        t.set_id(
            tx.exec_params1(
                  "INSERT INTO tickets (number, instance_id, channel, source_line, kind, urgency, "
                  "category, region_code, address, caller_name, caller_phone, content, state, "
                  "created_at, updated_at, version) VALUES ($1, '5301', 1, 1, 3, 1, $2, $3, $4, "
                  "$5, $6, $7, 'PENDING_DISPATCH', now(), now(), 6) RETURNING id",
                  t.number(), full.category(), full.region().code(), full.address(),
                  full.caller().name(), full.caller().phone(), full.content())[0]
                .as<int64_t>());
        return t;
      });
  REQUIRE(ticket.ok());

  REQUIRE(pg::Transact(pool, [&](pqxx::work& tx) {
            tx.exec("DELETE FROM ticket_events");  // replaced by what the old outbox wrote
            v1::TicketCreated created;
            *created.mutable_ticket() = full;
            created.mutable_ticket()->set_id(ticket->id());
            InsertOldEvent(tx, *ticket, 1, "ticket.created", created);
            v1::TicketStateChanged changed;
            changed.set_to(v1::TICKET_STATE_PENDING_DISPATCH);
            changed.set_reason_code("supervision.suspended");
            AddOldText(changed, 4, "来电人李四迁移要求暂缓");  // note
            InsertOldEvent(tx, *ticket, 2, "ticket.state_changed", changed);
            hotline::intake::v1::SupplementAdded added;
            AddOldText(added, 1, "补充：邻居王五迁移也看到了");  // content
            for (const char* uri : {"att://supplement-1", "att://supplement-2"}) {
              v1::AttachmentRef ref;
              ref.set_uri(uri);
              AddOldText(added, 2, ref.SerializeAsString());  // attachments
            }
            InsertOldEvent(tx, *ticket, 3, "intake.supplement_added", added);
            hotline::routing::v1::AssignmentChanged assignment;
            assignment.mutable_assignment()->set_unit_id("530102:civil-affairs");
            assignment.mutable_assignment()->set_return_reason("不归本单位，来电人李四迁移");
            InsertOldEvent(tx, *ticket, 4, "routing.assignment_changed", assignment);
            hotline::supervision::v1::DeadlineStep step;
            step.set_unit_id("530102:civil-affairs");
            AddOldText(step, 6, "请尽快联系13912345678");  // note
            InsertOldEvent(tx, *ticket, 5, "supervision.deadline_step", step);
            hotline::intake::v1::TicketWithdrawn withdrawn;
            AddOldText(withdrawn, 1, "已自行解决，李四迁移");  // reason
            InsertOldEvent(tx, *ticket, 6, "intake.withdrawn", withdrawn);
            return absl::OkStatus();
          }).ok());

  REQUIRE(pg::ApplyMigrations(db.url(), all).ok());

  // Nothing personal is left in any stored envelope.
  for (const char* marker : {"李四迁移", "13912345678", "青年路", "王五迁移", "att://"}) {
    INFO(marker);
    CHECK(db.Count(absl::StrCat("SELECT count(*) FROM ticket_events WHERE position(convert_to('",
                                marker, "', 'UTF8') IN envelope) > 0")) == 0);
  }

  REQUIRE(pg::Transact(pool, [&](pqxx::work& tx) {
            // The texts moved to ticket_texts, attachments included, at their event's version.
            std::vector<TicketText> texts = store.Texts(tx, ticket->id());
            REQUIRE(texts.size() == 3);
            CHECK(texts[0].kind == TicketText::Kind::kSupplement);
            CHECK(texts[0].ticket_version == 3);
            CHECK(texts[0].body == "补充：邻居王五迁移也看到了");
            REQUIRE(texts[0].attachments.size() == 2);
            CHECK(texts[0].attachments[1].uri() == "att://supplement-2");
            CHECK(texts[1].kind == TicketText::Kind::kUrging);
            CHECK(texts[1].ticket_version == 5);
            CHECK(texts[1].body == "请尽快联系13912345678");
            CHECK(texts[2].kind == TicketText::Kind::kWithdrawal);
            CHECK(texts[2].body == "已自行解决，李四迁移");

            // What consumers decide with is still there, and every envelope still parses.
            v1::TicketCreated created;
            REQUIRE(StoredEnvelope(tx, 1).payload().UnpackTo(&created));
            CHECK(created.ticket().category() == full.category());
            CHECK(created.ticket().region().code() == full.region().code());
            CHECK(created.ticket().id() == ticket->id());
            CHECK_FALSE(created.ticket().has_caller());
            CHECK(created.ticket().content().empty());
            v1::TicketStateChanged changed;
            REQUIRE(StoredEnvelope(tx, 2).payload().UnpackTo(&changed));
            CHECK(changed.reason_code() == "supervision.suspended");
            CHECK_FALSE(HasOldFields(changed));
            hotline::routing::v1::AssignmentChanged assignment;
            REQUIRE(StoredEnvelope(tx, 4).payload().UnpackTo(&assignment));
            CHECK(assignment.assignment().unit_id() == "530102:civil-affairs");
            CHECK(assignment.assignment().return_reason().empty());
            hotline::supervision::v1::DeadlineStep step;
            REQUIRE(StoredEnvelope(tx, 5).payload().UnpackTo(&step));
            CHECK(step.unit_id() == "530102:civil-affairs");
            CHECK_FALSE(HasOldFields(step));
            CHECK(StoredEnvelope(tx, 5).ticket_number() == ticket->number());
            return absl::OkStatus();
          }).ok());
}

}  // namespace
}  // namespace hotline::ticketstore
