#include "services/provincial-transfer/store/pg_reply_source.h"

#include <pqxx/result>

#include "libs/pg/pg_transaction.h"
#include "libs/pg/prepared.h"

namespace hotline::transfer {

constexpr char kLeadReplyOf[] = R"sql(
SELECT reply FROM routing_lead_replies WHERE ticket_id = $1 ORDER BY replied_at DESC LIMIT 1)sql";

std::optional<std::string> PgReplySource::LeadReplyOf(Transaction& tx, int64_t ticket_id) const {
  const pqxx::result r = pg::Prepared(pg::Work(tx), kLeadReplyOf, ticket_id);
  if (r.empty()) return std::nullopt;
  return r[0][0].as<std::string>();
}

}  // namespace hotline::transfer
