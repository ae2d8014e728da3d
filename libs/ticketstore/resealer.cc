#include "libs/ticketstore/resealer.h"

#include <pqxx/binarystring>
#include <pqxx/result>

#include "absl/strings/str_cat.h"
#include "libs/pg/prepared.h"
#include "libs/pg/transact.h"
#include "libs/ticketstore/sealed_columns.h"
#include "libs/ticketstore/sealed_fields.h"
#include "libs/ticketstore/ticket_row.h"

namespace hotline::ticketstore {
namespace {

namespace v1 = hotline::common::v1;

// Rows not sealed, then rows of another key; both by index.
const std::string kClaimTickets = absl::StrCat("SELECT ", kTicketColumns, R"sql(
FROM tickets WHERE id IN (
  (SELECT id FROM tickets WHERE sealed IS NULL ORDER BY id LIMIT $2)
  UNION ALL
  (SELECT id FROM tickets WHERE sealed_key < $1 OR sealed_key > $1 ORDER BY sealed_key, id
   LIMIT $2))
ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)sql");

constexpr char kUpdateTicket[] = R"sql(
UPDATE tickets SET sealed = $2, sealed_key = $3, caller_phone_index = NULLIF($4, ''::bytea),
  address = '', caller_name = '', caller_phone = '', content = '', attachments = NULL
WHERE id = $1)sql";

constexpr char kClaimTexts[] = R"sql(
SELECT ticket_id, ticket_version, body, attachments, sealed FROM ticket_texts
WHERE (ticket_id, ticket_version) IN (
  (SELECT ticket_id, ticket_version FROM ticket_texts WHERE sealed IS NULL
   ORDER BY ticket_id, ticket_version LIMIT $2)
  UNION ALL
  (SELECT ticket_id, ticket_version FROM ticket_texts WHERE sealed_key < $1 OR sealed_key > $1
   ORDER BY sealed_key, ticket_id, ticket_version LIMIT $2))
ORDER BY ticket_id, ticket_version LIMIT $2 FOR UPDATE SKIP LOCKED)sql";

constexpr char kUpdateText[] = R"sql(
UPDATE ticket_texts SET sealed = $3, sealed_key = $4, body = '', attachments = NULL
WHERE ticket_id = $1 AND ticket_version = $2)sql";

absl::string_view View(const pqxx::binarystring& bytes) {
  return absl::string_view(bytes.get(), bytes.size());
}

// One batch of tickets; how many it sealed.
int64_t SealTickets(pqxx::work& tx, const crypto::FieldCipher& cipher, int batch) {
  const pqxx::result rows = pg::Prepared(tx, kClaimTickets, cipher.active_key_id(), batch);
  for (const pqxx::row& row : rows) {
    const v1::Ticket ticket = TicketFromRow(row, cipher);  // opens either form
    const SealedFields fields = SealTicketFields(cipher, ticket.id(), ticket);
    pg::Prepared(tx, kUpdateTicket, ticket.id(), pqxx::binarystring(fields.sealed), fields.key_id,
                 pqxx::binarystring(fields.phone_index));
  }
  return static_cast<int64_t>(rows.size());
}

int64_t SealTexts(pqxx::work& tx, const crypto::FieldCipher& cipher, int batch) {
  const pqxx::result rows = pg::Prepared(tx, kClaimTexts, cipher.active_key_id(), batch);
  for (const pqxx::row& row : rows) {
    const int64_t ticket_id = row[0].as<int64_t>();
    const int64_t version = row[1].as<int64_t>();
    v1::Ticket holder;
    if (!row[4].is_null()) {
      const pqxx::binarystring sealed(row[4]);
      absl::Status opened = OpenText(cipher, ticket_id, version, View(sealed), holder);
      if (!opened.ok()) throw std::runtime_error(std::string(opened.message()));
    } else {
      holder.set_content(row[2].as<std::string>());
      if (!row[3].is_null()) holder.MergeFromString(pqxx::binarystring(row[3]).str());
    }
    const std::string sealed = SealText(cipher, ticket_id, version, holder);
    pg::Prepared(tx, kUpdateText, ticket_id, version, pqxx::binarystring(sealed),
                 crypto::FieldCipher::KeyIdOf(sealed));
  }
  return static_cast<int64_t>(rows.size());
}

}  // namespace

absl::StatusOr<ResealRun> Reseal(pg::PgPool& pool, const crypto::FieldCipher& cipher, int batch,
                                 int max_passes) {
  ResealRun run;
  bool more = false;  // a table claimed a full batch: there may be more
  for (int passes = 0; passes < max_passes; ++passes) {
    absl::StatusOr<ResealRun> pass =
        pg::TransactFor<ResealRun>(pool, [&](pqxx::work& tx) -> absl::StatusOr<ResealRun> {
          ResealRun pass{SealTickets(tx, cipher, batch), SealTexts(tx, cipher, batch)};
          more = pass.tickets == batch || pass.texts == batch;
          for (const SealedTable& t : SealedFreeTextTables()) {
            const int64_t sealed = ResealTable(tx, cipher, t, batch);
            pass.free_text += sealed;
            more |= sealed == batch;
          }
          return pass;
        });
    if (!pass.ok()) return pass.status();
    run.tickets += pass->tickets;
    run.texts += pass->texts;
    run.free_text += pass->free_text;
    if (!more) break;  // every table claimed fewer than `batch` rows: none is left
  }
  return run;
}

}  // namespace hotline::ticketstore
