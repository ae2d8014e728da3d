#include "services/intake/store/audit_trail_store.h"

#include <pqxx/result>
#include <pqxx/row>

#include "libs/common/proto_time.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"

namespace hotline::intake {

namespace common = hotline::common::v1;

// Times travel as microseconds since the epoch; ±infinity as the bounds PostgreSQL keeps.
// The region prefix is a jurisdiction of digits (from the credential), safe in LIKE.
constexpr char kListTrail[] = R"sql(
SELECT (extract(epoch from a.at) * 1000000)::bigint, a.ticket_id, t.number, a.actor,
       a.actor_role, a.action, a.fields, a.ground
FROM hotline_audit_trail a
JOIN tickets t ON t.id = a.ticket_id
WHERE t.region_code LIKE $1 || '%'
  AND ($2 = '' OR t.number = $2)
  AND ($3 = '' OR a.actor = $3)
  AND a.at >= 'epoch'::timestamptz + $4 * interval '1 microsecond'
  AND a.at < 'epoch'::timestamptz + $5 * interval '1 microsecond'
  AND (NOT $6 OR (a.at, a.ticket_id, a.action, a.actor) <
                 ('epoch'::timestamptz + $7 * interval '1 microsecond', $8, $9, $10))
ORDER BY a.at DESC, a.ticket_id DESC, a.action DESC, a.actor DESC
LIMIT $11)sql";

namespace {

// absl's infinities as the widest bounds a timestamptz takes in microseconds.
int64_t BoundMicros(absl::Time t) {
  constexpr int64_t kFar = int64_t{1} << 52;  // ~142 years either side of 1970
  if (t == absl::InfinitePast()) return -kFar;
  if (t == absl::InfiniteFuture()) return kFar;
  return absl::ToUnixMicros(t);
}

}  // namespace

std::vector<AuditRow> PgAuditTrailStore::List(Transaction& tx, const AuditFilter& filter,
                                              const AuditCursor* after, int limit) const {
  const AuditCursor none;
  const AuditCursor& c = after != nullptr ? *after : none;
  const pqxx::result rows =
      pg::Work(tx).exec_params(kListTrail, filter.jurisdiction, filter.ticket_number, filter.actor,
                               BoundMicros(filter.from), BoundMicros(filter.to), after != nullptr,
                               absl::ToUnixMicros(c.at), c.ticket_id, c.action, c.actor, limit);
  std::vector<AuditRow> out;
  out.reserve(rows.size());
  for (const pqxx::row& r : rows) {
    AuditRow row;
    row.cursor.at = absl::FromUnixMicros(r[0].as<int64_t>());
    row.cursor.ticket_id = r[1].as<int64_t>();
    row.cursor.actor = r[3].as<std::string>();
    row.cursor.action = r[5].as<std::string>();
    hotline::intake::v1::AuditEntry& e = row.entry;
    *e.mutable_at() = ToTimestamp(row.cursor.at);
    e.set_ticket_number(r[2].as<std::string>());
    e.set_actor(row.cursor.actor);
    e.set_actor_role(static_cast<common::Role>(r[4].as<int>()));
    e.set_action(row.cursor.action);
    for (std::string& f : pg::TextArrayOf(r[6])) e.add_fields(std::move(f));
    e.set_ground(r[7].as<std::string>());
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace hotline::intake
