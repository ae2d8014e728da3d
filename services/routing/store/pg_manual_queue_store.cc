#include <pqxx/result>
#include <pqxx/row>

#include "libs/common/proto_time.h"
#include "libs/pg/pg_transaction.h"
#include "libs/pg/prepared.h"
#include "services/routing/store/manual_queue_store.h"

namespace hotline::routing {

namespace common = hotline::common::v1;
namespace v1 = hotline::routing::v1;

constexpr char kEnqueue[] = R"sql(
INSERT INTO routing_manual_queue (ticket_id, ticket_number, reason_code, reason, category,
  region_code, involves_minor, urgency, review_with_department, objection, objecting_unit_id,
  queued_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
  'epoch'::timestamptz + $12 * interval '1 microsecond')
ON CONFLICT (ticket_id) DO UPDATE SET reason_code = excluded.reason_code,
  reason = excluded.reason, review_with_department = excluded.review_with_department,
  objection = excluded.objection, objecting_unit_id = excluded.objecting_unit_id)sql";

void PgManualQueueStore::Enqueue(Transaction& tx, int64_t ticket_id,
                                 const v1::ManualQueueEntry& e) const {
  pg::Prepared(pg::Work(tx), kEnqueue, ticket_id, e.ticket_number(), e.reason_code(), e.reason(),
               e.category(), e.region_code(), e.involves_minor(), static_cast<int>(e.urgency()),
               e.review_with_department(), e.objection(), e.objecting_unit_id(),
               absl::ToUnixMicros(FromTimestamp(e.queued_at())));
}

constexpr char kDequeue[] = "DELETE FROM routing_manual_queue WHERE ticket_id = $1";

void PgManualQueueStore::Dequeue(Transaction& tx, int64_t ticket_id) const {
  pg::Prepared(pg::Work(tx), kDequeue, ticket_id);
}

// Not prepared: the best plan depends on the region prefix.
constexpr char kListQueue[] = R"sql(
SELECT ticket_id, ticket_number, reason_code, reason, category, region_code, involves_minor,
  urgency, review_with_department, objection, objecting_unit_id,
  (extract(epoch from queued_at) * 1000000)::bigint AS at
FROM routing_manual_queue
WHERE region_code LIKE $1::text || '%'
  AND ($2::int = 0 OR (-urgency, queued_at, ticket_id) >
       (-$3::int, 'epoch'::timestamptz + $4::bigint * interval '1 microsecond', $5::bigint))
ORDER BY -urgency, queued_at, ticket_id LIMIT $6)sql";

std::vector<std::pair<QueueCursor, v1::ManualQueueEntry>> PgManualQueueStore::List(
    Transaction& tx, const std::string& region_prefix, const std::optional<QueueCursor>& after,
    int limit) const {
  const QueueCursor from = after.value_or(QueueCursor{1 << 20, 0, 0});
  std::vector<std::pair<QueueCursor, v1::ManualQueueEntry>> out;
  for (const pqxx::row& r :
       pg::Work(tx).exec_params(kListQueue, region_prefix, after ? 1 : 0, from.urgency,
                                from.queued_at_micros, from.ticket_id, limit)) {
    v1::ManualQueueEntry e;
    e.set_ticket_number(r[1].c_str());
    e.set_reason_code(r[2].c_str());
    e.set_reason(r[3].c_str());
    e.set_category(r[4].c_str());
    e.set_region_code(r[5].c_str());
    e.set_involves_minor(r[6].as<bool>());
    e.set_urgency(static_cast<common::Urgency>(r[7].as<int>()));
    e.set_review_with_department(r[8].c_str());
    e.set_objection(r[9].c_str());
    e.set_objecting_unit_id(r[10].c_str());
    *e.mutable_queued_at() = ToTimestamp(absl::FromUnixMicros(r[11].as<int64_t>()));
    out.push_back({{r[7].as<int>(), r[11].as<int64_t>(), r[0].as<int64_t>()}, std::move(e)});
  }
  return out;
}

}  // namespace hotline::routing
