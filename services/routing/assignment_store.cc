#include "services/routing/assignment_store.h"

#include <pqxx/binarystring>
#include <pqxx/result>
#include <pqxx/row>

#include "libs/pg/pg_array.h"
#include "libs/pg/prepared.h"
#include "libs/ticketstore/ticket_row.h"

namespace hotline::routing {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::routing::v1;
using ticketstore::ToTimestamp;

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }

constexpr char kColumns[] = R"sql(
  a.id, a.ticket_id, a.ticket_number, a.unit_id, a.role, a.state, a.round, a.notify_order,
  (extract(epoch from a.dispatched_at) * 1000000)::bigint,
  (extract(epoch from a.signed_at) * 1000000)::bigint,
  (extract(epoch from a.replied_at) * 1000000)::bigint,
  a.reply, a.return_reason, (extract(epoch from a.reply_due_at) * 1000000)::bigint,
  a.category, a.region_code, a.urgency, a.kind,
  (SELECT u.name FROM routing_units u WHERE u.id = a.unit_id),
  (SELECT u.parent_id FROM routing_units u WHERE u.id = a.unit_id))sql";

// Sets the timestamp only for a non-NULL column: an unset field means "not yet".
template <typename Setter>
void SetTime(const pqxx::field& f, Setter mutable_field) {
  if (!f.is_null()) *mutable_field() = ToTimestamp(absl::FromUnixMicros(f.as<int64_t>()));
}

AssignmentRecord FromRow(const pqxx::row& r) {
  AssignmentRecord rec;
  rec.ticket_id = r[1].as<int64_t>();
  v1::Assignment& a = rec.assignment;
  a.set_id(r[0].as<int64_t>());
  a.set_ticket_number(r[2].c_str());
  a.set_unit_id(r[3].c_str());
  a.set_role(static_cast<common::AssignmentRole>(r[4].as<int>()));
  a.set_state(static_cast<common::AssignmentState>(r[5].as<int>()));
  a.set_round(r[6].as<int>());
  a.set_notify_order(r[7].as<int>());
  SetTime(r[8], [&] { return a.mutable_dispatched_at(); });
  SetTime(r[9], [&] { return a.mutable_signed_at(); });
  SetTime(r[10], [&] { return a.mutable_replied_at(); });
  a.set_reply(r[11].c_str());
  a.set_return_reason(r[12].c_str());
  SetTime(r[13], [&] { return a.mutable_reply_due_at(); });
  a.set_category(r[14].c_str());
  a.set_region_code(r[15].c_str());
  a.set_urgency(static_cast<common::Urgency>(r[16].as<int>()));
  a.set_kind(static_cast<common::TicketKind>(r[17].as<int>()));
  a.set_unit_name(r[18].c_str());
  if (!r[19].is_null()) a.set_superior_unit_id(r[19].c_str());
  return rec;
}

std::vector<v1::Assignment> Assignments(const pqxx::result& result) {
  std::vector<v1::Assignment> out;
  out.reserve(result.size());
  for (const pqxx::row& r : result) out.push_back(FromRow(r).assignment);
  return out;
}

// NULL for an unset timestamp.
std::optional<int64_t> MicrosOrNull(const google::protobuf::Timestamp& ts) {
  if (ts.seconds() == 0 && ts.nanos() == 0) return std::nullopt;
  return Micros(ticketstore::FromTimestamp(ts));
}

}  // namespace

std::vector<v1::Assignment> InsertAssignments(pqxx::work& tx, const common::Ticket& ticket,
                                              int round, const std::vector<NewAssignment>& units,
                                              absl::Time now) {
  std::vector<std::string> ids;
  std::vector<int64_t> roles, orders;
  for (const NewAssignment& u : units) {
    ids.push_back(u.unit_id);
    roles.push_back(u.role);
    orders.push_back(u.notify_order);
  }
  const pqxx::result rows =
      pg::Prepared(tx, std::string(R"sql(
WITH new AS (
  INSERT INTO routing_assignments (ticket_id, ticket_number, unit_id, role, state, round,
    notify_order, dispatched_at, category, region_code, urgency, kind)
  SELECT $1, $2, u.unit_id, u.role, 1, $3, u.notify_order,
    'epoch'::timestamptz + $4 * interval '1 microsecond', $5, $6, $7, $8
  FROM unnest($9::text[], $10::smallint[], $11::int[]) WITH ORDINALITY
    AS u(unit_id, role, notify_order, ord)
  ORDER BY u.ord
  RETURNING *)
SELECT )sql") + kColumns + " FROM new a ORDER BY a.id",
                   ticket.id(), ticket.number(), round, Micros(now), ticket.category(),
                   ticket.region().code(), static_cast<int>(ticket.urgency()),
                   static_cast<int>(ticket.kind()), pg::TextArrayLiteral(ids),
                   pg::IntArrayLiteral(roles), pg::IntArrayLiteral(orders));
  return Assignments(rows);
}

absl::StatusOr<AssignmentRecord> LockAssignment(pqxx::work& tx, int64_t assignment_id) {
  const pqxx::result rows = pg::Prepared(
      tx,
      std::string("SELECT ") + kColumns + " FROM routing_assignments a WHERE a.id = $1 FOR UPDATE",
      assignment_id);
  if (rows.empty()) return absl::NotFoundError("no such assignment");
  return FromRow(rows[0]);
}

void SaveAssignment(pqxx::work& tx, const v1::Assignment& a) {
  pg::Prepared(tx, R"sql(
UPDATE routing_assignments SET state = $2,
  signed_at = 'epoch'::timestamptz + $3 * interval '1 microsecond',
  replied_at = 'epoch'::timestamptz + $4 * interval '1 microsecond',
  reply = $5, return_reason = $6,
  reply_due_at = 'epoch'::timestamptz + $7 * interval '1 microsecond'
WHERE id = $1)sql",
               a.id(), static_cast<int>(a.state()), MicrosOrNull(a.signed_at()),
               MicrosOrNull(a.replied_at()), a.reply(), a.return_reason(),
               MicrosOrNull(a.reply_due_at()));
}

void SetReplyDue(pqxx::work& tx, int64_t assignment_id, absl::Time due) {
  pg::Prepared(tx,
               "UPDATE routing_assignments SET reply_due_at = 'epoch'::timestamptz + $2 * interval "
               "'1 microsecond' WHERE id = $1",
               assignment_id, Micros(due));
}

int CurrentRound(pqxx::transaction_base& tx, int64_t ticket_id) {
  return pg::Prepared1(
             tx, "SELECT coalesce(max(round), 0) FROM routing_assignments WHERE ticket_id = $1",
             ticket_id)[0]
      .as<int>();
}

std::vector<v1::Assignment> AssignmentsOfRound(pqxx::transaction_base& tx, int64_t ticket_id,
                                               int round) {
  return Assignments(pg::Prepared(
      tx,
      std::string("SELECT ") + kColumns +
          " FROM routing_assignments a WHERE a.ticket_id = $1 AND a.round = $2 ORDER BY a.id",
      ticket_id, round));
}

TicketRouting RoutingStateOf(pqxx::transaction_base& tx, int64_t ticket_id) {
  const pqxx::row r = pg::Prepared1(tx, R"sql(
SELECT EXISTS (SELECT 1 FROM routing_manual_queue WHERE ticket_id = $1),
  coalesce((SELECT max(round) FROM routing_assignments WHERE ticket_id = $1), 0),
  coalesce((SELECT array_agg(DISTINCT unit_id) FROM routing_assignments
            WHERE ticket_id = $1 AND role = 1 AND state = 4), '{}'))sql",
                                    ticket_id);
  return {r[0].as<bool>(), r[1].as<int>(), pg::TextArrayOf(r[2])};
}

std::vector<v1::Assignment> ListUnitAssignments(pqxx::transaction_base& tx,
                                                const std::string& unit_id,
                                                common::AssignmentState state, int64_t before_id,
                                                int limit) {
  return Assignments(
      pg::Prepared(tx, std::string("SELECT ") + kColumns + R"sql( FROM routing_assignments a
WHERE a.unit_id = $1 AND ($2::int = 0 OR a.state = $2::int) AND ($3::bigint = 0 OR a.id < $3::bigint)
ORDER BY a.id DESC LIMIT $4)sql",
                   unit_id, static_cast<int>(state), before_id, limit));
}

std::vector<ActiveUnit> ActiveUnits(pqxx::transaction_base& tx,
                                    const std::vector<std::string>& unit_ids) {
  std::vector<ActiveUnit> units;
  for (const pqxx::row& r : pg::Prepared(
           tx,
           "SELECT id, region_code, name FROM routing_units WHERE id = ANY($1::text[]) AND active",
           pg::TextArrayLiteral(unit_ids))) {
    units.push_back({r[0].c_str(), r[1].c_str(), r[2].c_str()});
  }
  return units;
}

void InsertDecision(pqxx::work& tx, int64_t ticket_id, const v1::RoutingDecision& decision) {
  const std::string bytes = decision.SerializeAsString();
  pg::Prepared(tx, R"sql(
INSERT INTO routing_decisions (decided_at, ticket_id, round, outcome, decision)
VALUES ('epoch'::timestamptz + $1 * interval '1 microsecond', $2, $3, $4, $5))sql",
               Micros(ticketstore::FromTimestamp(decision.decided_at())), ticket_id,
               decision.round(), static_cast<int>(decision.outcome()),
               pqxx::binarystring(bytes.data(), bytes.size()));
}

std::vector<v1::RoutingDecision> DecisionsOf(pqxx::transaction_base& tx, int64_t ticket_id) {
  std::vector<v1::RoutingDecision> out;
  for (const pqxx::row& r : pg::Prepared(
           tx, "SELECT decision FROM routing_decisions WHERE ticket_id = $1 ORDER BY decided_at",
           ticket_id)) {
    const pqxx::binarystring bytes(r[0]);
    v1::RoutingDecision decision;
    decision.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
    out.push_back(std::move(decision));
  }
  return out;
}

void Enqueue(pqxx::work& tx, int64_t ticket_id, const v1::ManualQueueEntry& e) {
  pg::Prepared(tx, R"sql(
INSERT INTO routing_manual_queue (ticket_id, ticket_number, reason_code, reason, category,
  region_code, involves_minor, urgency, review_with_department, objection, objecting_unit_id,
  queued_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
  'epoch'::timestamptz + $12 * interval '1 microsecond')
ON CONFLICT (ticket_id) DO UPDATE SET reason_code = excluded.reason_code,
  reason = excluded.reason, review_with_department = excluded.review_with_department,
  objection = excluded.objection, objecting_unit_id = excluded.objecting_unit_id)sql",
               ticket_id, e.ticket_number(), e.reason_code(), e.reason(), e.category(),
               e.region_code(), e.involves_minor(), static_cast<int>(e.urgency()),
               e.review_with_department(), e.objection(), e.objecting_unit_id(),
               Micros(ticketstore::FromTimestamp(e.queued_at())));
}

bool Dequeue(pqxx::work& tx, int64_t ticket_id) {
  return pg::Prepared(tx, "DELETE FROM routing_manual_queue WHERE ticket_id = $1", ticket_id)
             .affected_rows() > 0;
}

std::vector<std::pair<QueueCursor, v1::ManualQueueEntry>> ListQueue(
    pqxx::transaction_base& tx, const std::string& region_prefix,
    const std::optional<QueueCursor>& after, int limit) {
  const QueueCursor from = after.value_or(QueueCursor{1 << 20, 0, 0});
  std::vector<std::pair<QueueCursor, v1::ManualQueueEntry>> out;
  for (const pqxx::row& r : tx.exec_params(R"sql(
SELECT ticket_id, ticket_number, reason_code, reason, category, region_code, involves_minor,
  urgency, review_with_department, objection, objecting_unit_id,
  (extract(epoch from queued_at) * 1000000)::bigint AS at
FROM routing_manual_queue
WHERE region_code LIKE $1::text || '%'
  AND ($2::int = 0 OR (-urgency, queued_at, ticket_id) >
       (-$3::int, 'epoch'::timestamptz + $4::bigint * interval '1 microsecond', $5::bigint))
ORDER BY -urgency, queued_at, ticket_id LIMIT $6)sql",
                                           region_prefix, after ? 1 : 0, from.urgency,
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
