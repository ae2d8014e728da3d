#include <pqxx/result>
#include <pqxx/row>

#include "libs/common/proto_time.h"
#include "libs/pg/pg_transaction.h"
#include "services/supervision/store/office_queue_store.h"

namespace hotline::supervision {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::supervision::v1;

// Every statement: $1 region prefix, $2 category prefix, $3 urgency (0 = any), $4 "since" bound
// (NULL = none); the lists add $5 whether a cursor is given, $6/$7 the cursor, $8 the limit.
// Each selects: id, ticket_number, region_code, category, urgency, since, requested_by,
// requested_due, due, order key (all times in microseconds).
#define QUEUE_TICKET_FILTER                                                           \
  " AND ($2::text = '' OR t.category = $2::text OR t.category LIKE $2::text || '/%')" \
  " AND ($3::int = 0 OR t.urgency = $3::int)"
#define QUEUE_MICROS(column) "(extract(epoch from " column ") * 1000000)::bigint"
#define QUEUE_AT(column) "'epoch'::timestamptz + $" column "::bigint * interval '1 microsecond'"
#define QUEUE_PAGE(key, id) \
  " AND ($5::int = 0 OR (" key ", " id ") > (" QUEUE_AT("6") ", $7::bigint))" \
  " ORDER BY " key ", " id " LIMIT $8"

#define SUSPENSIONS_FROM                                                          \
  " FROM supervision_suspension_requests r JOIN tickets t ON t.id = r.ticket_id"  \
  " WHERE r.state = 1 AND r.region_code LIKE $1::text || '%'" QUEUE_TICKET_FILTER \
  " AND ($4::bigint IS NULL OR r.requested_at <= " QUEUE_AT("4") ")"

constexpr char kListSuspensions[] =
    "SELECT r.id, r.ticket_number, r.region_code, t.category, t.urgency, "
    QUEUE_MICROS("r.requested_at") ", r.requested_by, NULL::bigint, NULL::bigint, "
    QUEUE_MICROS("r.requested_at") SUSPENSIONS_FROM QUEUE_PAGE("r.requested_at", "r.id");
constexpr char kCountSuspensions[] = "SELECT count(*)" SUSPENSIONS_FROM;

#define EXTENSIONS_FROM                                                           \
  " FROM supervision_extension_requests r JOIN tickets t ON t.id = r.ticket_id"   \
  " WHERE r.state = 1 AND r.region_code LIKE $1::text || '%'" QUEUE_TICKET_FILTER \
  " AND ($4::bigint IS NULL OR r.requested_at <= " QUEUE_AT("4") ")"

constexpr char kListExtensions[] =
    "SELECT r.id, r.ticket_number, r.region_code, t.category, t.urgency, "
    QUEUE_MICROS("r.requested_at") ", r.unit_id, " QUEUE_MICROS("r.requested_due_at")
    ", NULL::bigint, " QUEUE_MICROS("r.requested_at") EXTENSIONS_FROM
    QUEUE_PAGE("r.requested_at", "r.id");
constexpr char kCountExtensions[] = "SELECT count(*)" EXTENSIONS_FROM;

// The ticket core's REPLIED tickets, through the partial index of 0054.
#define REVIEW_FROM                                                               \
  " FROM tickets t WHERE t.state = 'REPLIED' AND t.region_code LIKE $1::text || " \
  "'%'" QUEUE_TICKET_FILTER " AND ($4::bigint IS NULL OR t.updated_at <= " QUEUE_AT("4") ")"

constexpr char kListAwaitingReview[] =
    "SELECT t.id, t.number, t.region_code, t.category, t.urgency, " QUEUE_MICROS(
        "t.updated_at") ", '', NULL::bigint, NULL::bigint, " QUEUE_MICROS("t.updated_at")
        REVIEW_FROM QUEUE_PAGE("t.updated_at", "t.id");
constexpr char kCountAwaitingReview[] = "SELECT count(*)" REVIEW_FROM;

#define FOLLOW_UPS_FROM                                                                          \
  " FROM supervision_clocks c JOIN tickets t ON t.id = c.ticket_id"                              \
  " WHERE c.state = 1 AND c.kind = 4 AND c.region_code LIKE $1::text || '%'" QUEUE_TICKET_FILTER \
  " AND ($4::bigint IS NULL OR c.started_at <= " QUEUE_AT("4") ")"

constexpr char kListFollowUpsDue[] =
    "SELECT c.id, c.ticket_number, c.region_code, t.category, t.urgency, "
    QUEUE_MICROS("c.started_at") ", '', NULL::bigint, " QUEUE_MICROS("c.due_at") ", "
    QUEUE_MICROS("c.due_at") FOLLOW_UPS_FROM QUEUE_PAGE("c.due_at", "c.id");
constexpr char kCountFollowUpsDue[] = "SELECT count(*)" FOLLOW_UPS_FROM;

#undef FOLLOW_UPS_FROM
#undef REVIEW_FROM
#undef EXTENSIONS_FROM
#undef SUSPENSIONS_FROM
#undef QUEUE_PAGE
#undef QUEUE_AT
#undef QUEUE_MICROS
#undef QUEUE_TICKET_FILTER

struct Statements {
  const char* list;
  const char* count;
};

Statements Of(OfficeQueue queue) {
  switch (queue) {
    case OfficeQueue::kSuspensions:
      return {kListSuspensions, kCountSuspensions};
    case OfficeQueue::kExtensions:
      return {kListExtensions, kCountExtensions};
    case OfficeQueue::kAwaitingReview:
      return {kListAwaitingReview, kCountAwaitingReview};
    case OfficeQueue::kFollowUpsDue:
      break;
  }
  return {kListFollowUpsDue, kCountFollowUpsDue};
}

std::optional<int64_t> SinceBefore(const QueueFilter& f) {
  if (!f.since_before) return std::nullopt;
  return absl::ToUnixMicros(*f.since_before);
}

google::protobuf::Timestamp At(const pqxx::field& f) {
  return ToTimestamp(absl::FromUnixMicros(f.as<int64_t>()));
}

}  // namespace

// Not prepared: the best plan depends on the region prefix.
std::vector<QueueRow> PgOfficeQueueStore::List(Transaction& tx, OfficeQueue queue,
                                               const QueueFilter& filter,
                                               const std::optional<QueueCursor>& after,
                                               int limit) const {
  const QueueCursor from = after.value_or(QueueCursor{});
  std::vector<QueueRow> out;
  for (const pqxx::row& r : pg::Work(tx).exec_params(
           Of(queue).list, filter.region_prefix, filter.category_prefix, filter.urgency,
           SinceBefore(filter), after ? 1 : 0, from.at_micros, from.id, limit)) {
    QueueRow row;
    v1::OfficeQueueItem& item = row.item;
    item.set_ticket_number(r[1].c_str());
    item.set_region_code(r[2].c_str());
    item.set_category(r[3].c_str());
    item.set_urgency(static_cast<common::Urgency>(r[4].as<int>()));
    *item.mutable_since() = At(r[5]);
    if (queue == OfficeQueue::kSuspensions || queue == OfficeQueue::kExtensions) {
      item.set_request_id(r[0].as<int64_t>());
      item.set_requested_by(r[6].c_str());
    }
    if (!r[7].is_null()) *item.mutable_requested_due_at() = At(r[7]);
    if (!r[8].is_null()) *item.mutable_due_at() = At(r[8]);
    row.cursor = {r[9].as<int64_t>(), r[0].as<int64_t>()};
    out.push_back(std::move(row));
  }
  return out;
}

int64_t PgOfficeQueueStore::Count(Transaction& tx, OfficeQueue queue,
                                  const QueueFilter& filter) const {
  return pg::Work(tx)
      .exec_params1(Of(queue).count, filter.region_prefix, filter.category_prefix, filter.urgency,
                    SinceBefore(filter))[0]
      .as<int64_t>();
}

}  // namespace hotline::supervision
