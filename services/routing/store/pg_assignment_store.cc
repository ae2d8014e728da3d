#include "services/routing/store/pg_assignment_store.h"

#include <optional>
#include <pqxx/binarystring>
#include <pqxx/result>
#include <pqxx/row>

#include "libs/common/proto_time.h"
#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"
#include "libs/pg/prepared.h"
#include "libs/ticketstore/sealed_columns.h"

namespace hotline::routing {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::routing::v1;

// The columns FromRow reads, joined into each statement's text by the compiler.
#define ROUTING_ASSIGNMENT_COLUMNS                                                            \
  " a.id, a.ticket_id, a.ticket_number, a.unit_id, a.role, a.state, a.round, a.notify_order," \
  " (extract(epoch from a.dispatched_at) * 1000000)::bigint,"                                 \
  " (extract(epoch from a.signed_at) * 1000000)::bigint,"                                     \
  " (extract(epoch from a.replied_at) * 1000000)::bigint,"                                    \
  " a.reply, a.return_reason, (extract(epoch from a.reply_due_at) * 1000000)::bigint,"        \
  " a.category, a.region_code, a.urgency, a.kind,"                                            \
  " (SELECT u.name FROM routing_units u WHERE u.id = a.unit_id),"                             \
  " (SELECT u.parent_id FROM routing_units u WHERE u.id = a.unit_id),"                        \
  " a.reply_sealed, a.return_reason_sealed"

int64_t Micros(absl::Time t) { return absl::ToUnixMicros(t); }

// Sets the timestamp only for a non-NULL column: an unset field means "not yet".
template <typename Setter>
void SetTime(const pqxx::field& f, Setter mutable_field) {
  if (!f.is_null()) *mutable_field() = ToTimestamp(absl::FromUnixMicros(f.as<int64_t>()));
}

constexpr char kTable[] = "routing_assignments";

// The reply and the return's reason are sealed (0046); a row written before holds them plain.
std::string Opened(const crypto::FieldCipher& cipher, int64_t id, const char* column,
                   const pqxx::field& plain, const pqxx::field& sealed) {
  absl::StatusOr<std::string> text =
      ticketstore::OpenColumn(cipher, kTable, id, column, plain, sealed);
  if (!text.ok()) throw std::runtime_error(std::string(text.status().message()));
  return *std::move(text);
}

AssignmentRecord FromRow(const pqxx::row& r, const crypto::FieldCipher& cipher) {
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
  a.set_reply(Opened(cipher, a.id(), "reply", r[11], r[20]));
  a.set_return_reason(Opened(cipher, a.id(), "return_reason", r[12], r[21]));
  SetTime(r[13], [&] { return a.mutable_reply_due_at(); });
  a.set_category(r[14].c_str());
  a.set_region_code(r[15].c_str());
  a.set_urgency(static_cast<common::Urgency>(r[16].as<int>()));
  a.set_kind(static_cast<common::TicketKind>(r[17].as<int>()));
  a.set_unit_name(r[18].c_str());
  if (!r[19].is_null()) a.set_superior_unit_id(r[19].c_str());
  return rec;
}

std::vector<v1::Assignment> Assignments(const pqxx::result& result,
                                        const crypto::FieldCipher& cipher) {
  std::vector<v1::Assignment> out;
  out.reserve(result.size());
  for (const pqxx::row& r : result) out.push_back(FromRow(r, cipher).assignment);
  return out;
}

// NULL for an unset timestamp.
std::optional<int64_t> MicrosOrNull(const google::protobuf::Timestamp& ts) {
  if (ts.seconds() == 0 && ts.nanos() == 0) return std::nullopt;
  return Micros(FromTimestamp(ts));
}

}  // namespace

constexpr char kInsertAssignments[] = R"sql(
WITH new AS (
  INSERT INTO routing_assignments (ticket_id, ticket_number, unit_id, role, state, round,
    notify_order, dispatched_at, category, region_code, urgency, kind)
  SELECT $1, $2, u.unit_id, u.role, 1, $3, u.notify_order,
    'epoch'::timestamptz + $4 * interval '1 microsecond', $5, $6, $7, $8
  FROM unnest($9::text[], $10::smallint[], $11::int[]) WITH ORDINALITY
    AS u(unit_id, role, notify_order, ord)
  ORDER BY u.ord
  RETURNING *)
SELECT )sql" ROUTING_ASSIGNMENT_COLUMNS " FROM new a ORDER BY a.id";

std::vector<v1::Assignment> PgAssignmentStore::Insert(Transaction& tx, const common::Ticket& ticket,
                                                      int round,
                                                      const std::vector<NewAssignment>& units,
                                                      absl::Time now) const {
  std::vector<std::string> ids;
  std::vector<int64_t> roles, orders;
  for (const NewAssignment& u : units) {
    ids.push_back(u.unit_id);
    roles.push_back(u.role);
    orders.push_back(u.notify_order);
  }
  return Assignments(pg::Prepared(pg::Work(tx), kInsertAssignments, ticket.id(), ticket.number(),
                                  round, Micros(now), ticket.category(), ticket.region().code(),
                                  static_cast<int>(ticket.urgency()),
                                  static_cast<int>(ticket.kind()), pg::TextArrayLiteral(ids),
                                  pg::IntArrayLiteral(roles), pg::IntArrayLiteral(orders)),
                     cipher_);
}

constexpr char kLockAssignment[] =
    "SELECT " ROUTING_ASSIGNMENT_COLUMNS " FROM routing_assignments a WHERE a.id = $1 FOR UPDATE";

absl::StatusOr<AssignmentRecord> PgAssignmentStore::Lock(Transaction& tx,
                                                         int64_t assignment_id) const {
  const pqxx::result rows = pg::Prepared(pg::Work(tx), kLockAssignment, assignment_id);
  if (rows.empty()) return absl::NotFoundError("no such assignment");
  return FromRow(rows[0], cipher_);
}

// The texts go in sealed with the active key; the plain columns are left empty.
constexpr char kSaveAssignment[] = R"sql(
UPDATE routing_assignments SET state = $2,
  signed_at = 'epoch'::timestamptz + $3 * interval '1 microsecond',
  replied_at = 'epoch'::timestamptz + $4 * interval '1 microsecond',
  reply = '', return_reason = '', reply_sealed = NULLIF($5, ''::bytea),
  return_reason_sealed = NULLIF($6, ''::bytea), sealed_key = NULLIF($7, ''),
  reply_due_at = 'epoch'::timestamptz + $8 * interval '1 microsecond'
WHERE id = $1)sql";

void PgAssignmentStore::Save(Transaction& tx, const v1::Assignment& a) const {
  const std::string reply = ticketstore::SealColumn(cipher_, kTable, a.id(), "reply", a.reply());
  const std::string reason =
      ticketstore::SealColumn(cipher_, kTable, a.id(), "return_reason", a.return_reason());
  pg::Prepared(pg::Work(tx), kSaveAssignment, a.id(), static_cast<int>(a.state()),
               MicrosOrNull(a.signed_at()), MicrosOrNull(a.replied_at()), pqxx::binarystring(reply),
               pqxx::binarystring(reason),
               reply.empty() && reason.empty() ? std::string() : cipher_.active_key_id(),
               MicrosOrNull(a.reply_due_at()));
}

constexpr char kSetReplyDue[] =
    "UPDATE routing_assignments SET reply_due_at = 'epoch'::timestamptz + $2 * interval "
    "'1 microsecond' WHERE id = $1";

void PgAssignmentStore::SetReplyDue(Transaction& tx, int64_t assignment_id, absl::Time due) const {
  pg::Prepared(pg::Work(tx), kSetReplyDue, assignment_id, Micros(due));
}

constexpr char kAssignmentsOfRound[] =
    "SELECT " ROUTING_ASSIGNMENT_COLUMNS
    " FROM routing_assignments a WHERE a.ticket_id = $1 AND a.round = $2 ORDER BY a.id";

std::vector<v1::Assignment> PgAssignmentStore::OfRound(Transaction& tx, int64_t ticket_id,
                                                       int round) const {
  return Assignments(pg::Prepared(pg::Work(tx), kAssignmentsOfRound, ticket_id, round), cipher_);
}

constexpr char kRoutingState[] = R"sql(
SELECT EXISTS (SELECT 1 FROM routing_manual_queue WHERE ticket_id = $1),
  coalesce((SELECT max(round) FROM routing_assignments WHERE ticket_id = $1), 0),
  coalesce((SELECT array_agg(DISTINCT unit_id) FROM routing_assignments
            WHERE ticket_id = $1 AND role = 1 AND state = 4), '{}'))sql";

TicketRouting PgAssignmentStore::RoutingStateOf(Transaction& tx, int64_t ticket_id) const {
  const pqxx::row r = pg::Prepared1(pg::Work(tx), kRoutingState, ticket_id);
  return {r[0].as<bool>(), r[1].as<int>(), pg::TextArrayOf(r[2])};
}

constexpr char kUnitAssignments[] =
    "SELECT " ROUTING_ASSIGNMENT_COLUMNS R"sql( FROM routing_assignments a
WHERE a.unit_id = $1 AND ($2::int = 0 OR a.state = $2::int) AND ($3::bigint = 0 OR a.id < $3::bigint)
ORDER BY a.id DESC LIMIT $4)sql";

std::vector<v1::Assignment> PgAssignmentStore::ListForUnit(Transaction& tx,
                                                           const std::string& unit_id,
                                                           common::AssignmentState state,
                                                           int64_t before_id, int limit) const {
  return Assignments(pg::Prepared(pg::Work(tx), kUnitAssignments, unit_id, static_cast<int>(state),
                                  before_id, limit),
                     cipher_);
}

#undef ROUTING_ASSIGNMENT_COLUMNS

}  // namespace hotline::routing
