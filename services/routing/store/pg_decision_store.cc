#include <pqxx/binarystring>
#include <pqxx/result>
#include <pqxx/row>

#include "libs/common/proto_time.h"
#include "libs/pg/pg_transaction.h"
#include "libs/pg/prepared.h"
#include "services/routing/store/decision_store.h"

namespace hotline::routing {

namespace v1 = hotline::routing::v1;

constexpr char kInsertDecision[] = R"sql(
INSERT INTO routing_decisions (decided_at, ticket_id, round, outcome, decision)
VALUES ('epoch'::timestamptz + $1 * interval '1 microsecond', $2, $3, $4, $5))sql";

void PgDecisionStore::Insert(Transaction& tx, int64_t ticket_id,
                             const v1::RoutingDecision& decision) const {
  const std::string bytes = decision.SerializeAsString();
  pg::Prepared(pg::Work(tx), kInsertDecision,
               absl::ToUnixMicros(FromTimestamp(decision.decided_at())), ticket_id,
               decision.round(), static_cast<int>(decision.outcome()),
               pqxx::binarystring(bytes.data(), bytes.size()));
}

constexpr char kDecisionsOf[] =
    "SELECT decision FROM routing_decisions WHERE ticket_id = $1 ORDER BY decided_at";

std::vector<v1::RoutingDecision> PgDecisionStore::Of(Transaction& tx, int64_t ticket_id) const {
  std::vector<v1::RoutingDecision> out;
  for (const pqxx::row& r : pg::Prepared(pg::Work(tx), kDecisionsOf, ticket_id)) {
    const pqxx::binarystring bytes(r[0]);
    v1::RoutingDecision decision;
    decision.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
    out.push_back(std::move(decision));
  }
  return out;
}

}  // namespace hotline::routing
