// PgTicketStore's texts: the free text kept with a ticket (ticket_texts, migration 0017).
#include <pqxx/binarystring>
#include <pqxx/result>
#include <stdexcept>

#include "libs/pg/pg_transaction.h"
#include "libs/pg/prepared.h"
#include "libs/ticketstore/pg_ticket_store.h"
#include "libs/ticketstore/sealed_fields.h"
#include "libs/ticketstore/ticket_row.h"

namespace hotline::ticketstore {
namespace {

namespace v1 = hotline::common::v1;

// The body and attachments go only into `sealed` (sealed_fields.h); `body` stays empty.
constexpr char kInsertText[] = R"sql(
INSERT INTO ticket_texts (ticket_id, ticket_version, kind, written_at, body, sealed, sealed_key)
VALUES ($1, $2, $3, 'epoch'::timestamptz + $4 * interval '1 microsecond', '', $5, $6))sql";

constexpr char kSelectTexts[] = R"sql(
SELECT ticket_version, kind, extract(epoch FROM written_at) * 1000000, body, attachments, sealed
FROM ticket_texts WHERE ticket_id = $1 ORDER BY ticket_version)sql";

const char* KindName(TicketText::Kind kind) {
  switch (kind) {
    case TicketText::Kind::kSupplement:
      return "supplement";
    case TicketText::Kind::kWithdrawal:
      return "withdrawal";
    case TicketText::Kind::kUrging:
      return "urging";
    case TicketText::Kind::kRemoteReply:
      return "remote_reply";
  }
  return "supplement";
}

TicketText::Kind KindOf(const std::string& name) {
  if (name == "withdrawal") return TicketText::Kind::kWithdrawal;
  if (name == "urging") return TicketText::Kind::kUrging;
  if (name == "remote_reply") return TicketText::Kind::kRemoteReply;
  return TicketText::Kind::kSupplement;
}

}  // namespace

absl::StatusOr<v1::Ticket> PgTicketStore::RecordWithText(pqxx::work& tx, int64_t ticket_id,
                                                         int64_t expected_version,
                                                         const std::string& type,
                                                         const google::protobuf::Message& payload,
                                                         const v1::Actor& actor,
                                                         const TicketText& text) const {
  absl::StatusOr<v1::Ticket> recorded =
      Record(tx, ticket_id, expected_version, type, payload, actor);
  if (!recorded.ok()) return recorded;
  // Sealed as a Ticket holding the body as content and the attachments.
  v1::Ticket holder;
  holder.set_content(text.body);
  for (const v1::AttachmentRef& a : text.attachments) *holder.add_attachments() = a;
  const std::string sealed = SealText(cipher_, ticket_id, recorded->version(), holder);
  pg::Prepared(tx, kInsertText, ticket_id, recorded->version(), KindName(text.kind),
               absl::ToUnixMicros(FromTimestamp(recorded->updated_at())),
               pqxx::binarystring(sealed), crypto::FieldCipher::KeyIdOf(sealed));
  return recorded;
}

std::vector<TicketText> PgTicketStore::Texts(pqxx::transaction_base& tx, int64_t ticket_id) const {
  std::vector<TicketText> texts;
  for (const pqxx::row& r : pg::Prepared(tx, kSelectTexts, ticket_id)) {
    TicketText& t = texts.emplace_back();
    t.ticket_version = r[0].as<int64_t>();
    t.kind = KindOf(r[1].as<std::string>());
    t.written_at = absl::FromUnixMicros(static_cast<int64_t>(r[2].as<double>()));
    v1::Ticket holder;
    if (!r[5].is_null()) {
      const pqxx::binarystring sealed(r[5]);
      absl::Status opened = OpenText(cipher_, ticket_id, t.ticket_version,
                                     absl::string_view(sealed.get(), sealed.size()), holder);
      if (!opened.ok()) throw std::runtime_error(std::string(opened.message()));
    } else {  // written before sealing began, until the resealer reaches it
      holder.set_content(r[3].as<std::string>());
      if (!r[4].is_null()) holder.MergeFromString(pqxx::binarystring(r[4]).str());
    }
    t.body = holder.content();
    t.attachments.assign(holder.attachments().begin(), holder.attachments().end());
  }
  return texts;
}

absl::StatusOr<v1::Ticket> PgTicketStore::RecordWithText(Transaction& tx, int64_t ticket_id,
                                                         int64_t expected_version,
                                                         const std::string& type,
                                                         const google::protobuf::Message& payload,
                                                         const v1::Actor& actor,
                                                         const TicketText& text) const {
  return RecordWithText(pg::Work(tx), ticket_id, expected_version, type, payload, actor, text);
}

std::vector<TicketText> PgTicketStore::Texts(Transaction& tx, int64_t ticket_id) const {
  return Texts(pg::Work(tx), ticket_id);
}

}  // namespace hotline::ticketstore
