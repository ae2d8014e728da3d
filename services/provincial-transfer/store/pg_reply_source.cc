#include "services/provincial-transfer/store/pg_reply_source.h"

#include <pqxx/result>

#include "libs/pg/pg_transaction.h"
#include "libs/pg/prepared.h"
#include "libs/ticketstore/sealed_columns.h"

namespace hotline::transfer {

constexpr char kLeadReplyOf[] = R"sql(
SELECT assignment_id, reply, reply_sealed FROM routing_lead_replies WHERE ticket_id = $1
ORDER BY replied_at DESC LIMIT 1)sql";

// Routing seals its replies (0046): opened here with the instance's keys, as routing would.
std::optional<std::string> PgReplySource::LeadReplyOf(Transaction& tx, int64_t ticket_id) const {
  const pqxx::result r = pg::Prepared(pg::Work(tx), kLeadReplyOf, ticket_id);
  if (r.empty()) return std::nullopt;
  absl::StatusOr<std::string> reply = ticketstore::OpenColumn(
      cipher_, "routing_assignments", r[0][0].as<int64_t>(), "reply", r[0][1], r[0][2]);
  if (!reply.ok()) throw std::runtime_error(std::string(reply.status().message()));
  return *std::move(reply);
}

}  // namespace hotline::transfer
