#include <pqxx/result>
#include <pqxx/row>

#include "libs/pg/pg_transaction.h"
#include "services/routing/store/grant_store.h"

namespace hotline::routing {

constexpr char kInsertGrant[] = R"sql(
INSERT INTO routing_minor_grants (ticket_id, unit_id, granted_by, reason, granted_at, expires_at)
VALUES ($1, $2, $3, $4, 'epoch'::timestamptz + $5 * interval '1 microsecond',
        'epoch'::timestamptz + $6 * interval '1 microsecond')
RETURNING id)sql";

int64_t PgGrantStore::Insert(Transaction& tx, const MinorGrant& grant) const {
  return pg::Work(tx)
      .exec_params1(kInsertGrant, grant.ticket_id, grant.unit_id, grant.granted_by, grant.reason,
                    absl::ToUnixMicros(grant.granted_at), absl::ToUnixMicros(grant.expires_at))[0]
      .as<int64_t>();
}

constexpr char kRevokeGrants[] = R"sql(
UPDATE routing_minor_grants
SET revoked_at = 'epoch'::timestamptz + $3 * interval '1 microsecond', revoked_by = $4
WHERE ticket_id = $1 AND unit_id = $2 AND revoked_at IS NULL
  AND expires_at > 'epoch'::timestamptz + $3 * interval '1 microsecond'
RETURNING id, (extract(epoch from expires_at) * 1000000)::bigint)sql";

std::vector<RevokedGrant> PgGrantStore::Revoke(Transaction& tx, int64_t ticket_id,
                                               const std::string& unit_id, absl::Time at,
                                               const std::string& revoked_by) const {
  std::vector<RevokedGrant> revoked;
  for (const pqxx::row& r : pg::Work(tx).exec_params(kRevokeGrants, ticket_id, unit_id,
                                                     absl::ToUnixMicros(at), revoked_by)) {
    revoked.push_back({r[0].as<int64_t>(), absl::FromUnixMicros(r[1].as<int64_t>())});
  }
  return revoked;
}

constexpr char kLiveGrant[] = R"sql(
SELECT id FROM routing_minor_grants
WHERE ticket_id = $1 AND unit_id = $2 AND revoked_at IS NULL
  AND expires_at > 'epoch'::timestamptz + $3 * interval '1 microsecond'
ORDER BY expires_at DESC LIMIT 1)sql";

int64_t PgGrantStore::LiveGrant(Transaction& tx, int64_t ticket_id, const std::string& unit_id,
                                absl::Time at) const {
  const pqxx::result r =
      pg::Work(tx).exec_params(kLiveGrant, ticket_id, unit_id, absl::ToUnixMicros(at));
  return r.empty() ? 0 : r[0][0].as<int64_t>();
}

}  // namespace hotline::routing
