#include "libs/ticketstore/anonymiser.h"

#include <pqxx/result>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/pg/transact.h"
#include "libs/ticketstore/sealed_columns.h"

namespace hotline::ticketstore {
namespace {

constexpr char kClaim[] = R"sql(
WITH claimed AS (
  SELECT id FROM tickets
  WHERE anonymised_at IS NULL
    AND state IN ('ARCHIVED', 'NOT_ACCEPTED', 'ANSWERED', 'MERGED', 'WITHDRAWN', 'TRANSFERRED_OUT')
    AND updated_at < 'epoch'::timestamptz + $1 * interval '1 microsecond'
  ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED)
UPDATE tickets t SET sealed = NULL, sealed_key = NULL, caller_phone_index = NULL,
  caller_name = '', caller_phone = '', address = '', content = '', attachments = NULL,
  anonymised_at = now()
FROM claimed WHERE t.id = claimed.id RETURNING t.id)sql";

constexpr char kClearTexts[] = R"sql(
UPDATE ticket_texts SET sealed = NULL, sealed_key = NULL, body = '', attachments = NULL
WHERE ticket_id = ANY($1::bigint[]))sql";

// Messages to and from other instances carry the caller's contact. A message delivered keeps
// its row (the sequence the peer acknowledged) but not its envelope; one still held from a peer
// loses its envelope too. Pending, dead or parked messages stay for the operators who steer them.
constexpr char kClearSentMessages[] = R"sql(
UPDATE transfer_outbox SET envelope = ''::bytea, envelope_key = NULL
WHERE ticket_id = ANY($1::bigint[]) AND state = 1 AND envelope <> ''::bytea)sql";
constexpr char kClearReceivedMessages[] = R"sql(
UPDATE transfer_inbox i SET envelope = NULL, envelope_key = NULL
FROM tickets t
WHERE t.id = ANY($1::bigint[]) AND i.local_ticket_number = t.number AND i.envelope IS NOT NULL)sql";

// The same for a table of sealed free text: every text and its sealed twin emptied.
std::string ClearSql(const SealedTable& t) {
  std::vector<std::string> sets = {"sealed_key = NULL"};
  for (const std::string& c : t.columns) {
    sets.push_back(c + " = ''");
    sets.push_back(c + "_sealed = NULL");
  }
  return absl::StrCat("UPDATE ", t.table, " SET ", absl::StrJoin(sets, ", "), " WHERE ",
                      t.ticket_column, " = ANY($1::bigint[])");
}

}  // namespace

absl::StatusOr<int64_t> Anonymise(pg::PgPool& pool, absl::Time before, int batch, int max_batches) {
  int64_t total = 0;
  for (int batches = 0; batches < max_batches; ++batches) {
    absl::StatusOr<int64_t> cleared =
        pg::TransactFor<int64_t>(pool, [&](pqxx::work& tx) -> absl::StatusOr<int64_t> {
          std::vector<std::string> ids;
          for (const pqxx::row& r : tx.exec_params(kClaim, absl::ToUnixMicros(before), batch)) {
            ids.push_back(r[0].c_str());
          }
          if (ids.empty()) return 0;
          const std::string array = absl::StrCat("{", absl::StrJoin(ids, ","), "}");
          tx.exec_params(kClearTexts, array);
          tx.exec_params(kClearSentMessages, array);
          tx.exec_params(kClearReceivedMessages, array);
          for (const SealedTable& t : SealedFreeTextTables()) tx.exec_params(ClearSql(t), array);
          return static_cast<int64_t>(ids.size());
        });
    if (!cleared.ok()) return cleared.status();
    total += *cleared;
    if (*cleared < batch) break;
  }
  return total;
}

}  // namespace hotline::ticketstore
