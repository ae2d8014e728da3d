#include "services/routing/store/pg_objection_store.h"

#include <pqxx/binarystring>
#include <pqxx/result>
#include <pqxx/row>

#include "libs/common/proto_time.h"
#include "libs/pg/pg_transaction.h"
#include "libs/pg/prepared.h"
#include "libs/ticketstore/sealed_columns.h"

namespace hotline::routing {
namespace {

namespace common = hotline::common::v1;
namespace v1 = hotline::routing::v1;

constexpr char kTable[] = "routing_objections";

// The columns FromRow reads, joined into each statement's text by the compiler.
#define ROUTING_OBJECTION_COLUMNS                                                             \
  " o.id, o.ticket_id, o.ticket_number, o.assignment_id, o.unit_id, o.round, o.category,"     \
  " o.region_code, o.urgency, (extract(epoch from o.dispatched_at) * 1000000)::bigint,"       \
  " (extract(epoch from o.raised_at) * 1000000)::bigint,"                                     \
  " (extract(epoch from o.window_ends_at) * 1000000)::bigint, o.state,"                       \
  " (extract(epoch from o.decided_at) * 1000000)::bigint, o.decided_by, o.failed_dispatches," \
  " o.reason, o.reason_sealed, o.decision_reason, o.decision_reason_sealed"

google::protobuf::Timestamp At(const pqxx::field& f) {
  return ToTimestamp(absl::FromUnixMicros(f.as<int64_t>()));
}

std::string Opened(const crypto::FieldCipher& cipher, int64_t id, const char* column,
                   const pqxx::field& plain, const pqxx::field& sealed) {
  absl::StatusOr<std::string> text =
      ticketstore::OpenColumn(cipher, kTable, id, column, plain, sealed);
  if (!text.ok()) throw std::runtime_error(std::string(text.status().message()));
  return *std::move(text);
}

ObjectionRecord FromRow(const pqxx::row& r, const crypto::FieldCipher& cipher) {
  ObjectionRecord rec;
  rec.ticket_id = r[1].as<int64_t>();
  v1::Objection& o = rec.objection;
  o.set_id(r[0].as<int64_t>());
  o.set_ticket_number(r[2].c_str());
  o.set_assignment_id(r[3].as<int64_t>());
  o.set_unit_id(r[4].c_str());
  o.set_round(r[5].as<int>());
  o.set_category(r[6].c_str());
  o.set_region_code(r[7].c_str());
  o.set_urgency(static_cast<common::Urgency>(r[8].as<int>()));
  *o.mutable_dispatched_at() = At(r[9]);
  *o.mutable_raised_at() = At(r[10]);
  *o.mutable_window_ends_at() = At(r[11]);
  o.set_state(static_cast<v1::ObjectionState>(r[12].as<int>()));
  if (!r[13].is_null()) *o.mutable_decided_at() = At(r[13]);
  o.set_decided_by(r[14].c_str());
  o.set_failed_dispatches(r[15].as<int>());
  o.set_reason(Opened(cipher, o.id(), "reason", r[16], r[17]));
  o.set_decision_reason(Opened(cipher, o.id(), "decision_reason", r[18], r[19]));
  return rec;
}

int64_t Micros(const google::protobuf::Timestamp& ts) {
  return absl::ToUnixMicros(FromTimestamp(ts));
}

}  // namespace

constexpr char kWindows[] =
    "SELECT category_prefix, working_days, calendar FROM routing_objection_windows "
    "ORDER BY category_prefix";

std::vector<ObjectionWindowRule> PgObjectionStore::Windows(Transaction& tx) const {
  std::vector<ObjectionWindowRule> rules;
  for (const pqxx::row& r : pg::Prepared(pg::Work(tx), kWindows)) {
    rules.push_back({r[0].c_str(), r[1].as<int>(), r[2].c_str()});
  }
  return rules;
}

constexpr char kSetWindow[] = R"sql(
INSERT INTO routing_objection_windows (category_prefix, working_days, calendar)
VALUES ($1, $2, $3)
ON CONFLICT (category_prefix) DO UPDATE SET working_days = excluded.working_days,
  calendar = excluded.calendar)sql";

void PgObjectionStore::SetWindow(Transaction& tx, const ObjectionWindowRule& rule) const {
  pg::Work(tx).exec_params(kSetWindow, rule.category_prefix, rule.working_days, rule.calendar);
}

constexpr char kInsertObjection[] = R"sql(
INSERT INTO routing_objections (ticket_id, ticket_number, assignment_id, unit_id, round,
  category, region_code, urgency, dispatched_at, raised_at, window_ends_at, state,
  failed_dispatches)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
  'epoch'::timestamptz + $9 * interval '1 microsecond',
  'epoch'::timestamptz + $10 * interval '1 microsecond',
  'epoch'::timestamptz + $11 * interval '1 microsecond', 1, $12)
RETURNING id)sql";

// The reason is sealed bound to the row's id, so it goes in once the id is known.
constexpr char kSealObjection[] = R"sql(
UPDATE routing_objections SET reason = '', decision_reason = '',
  reason_sealed = NULLIF($2, ''::bytea), decision_reason_sealed = NULLIF($3, ''::bytea),
  sealed_key = NULLIF($4, '')
WHERE id = $1)sql";

namespace {

void Seal(Transaction& tx, const crypto::FieldCipher& cipher, const v1::Objection& o) {
  const std::string reason = ticketstore::SealColumn(cipher, kTable, o.id(), "reason", o.reason());
  const std::string decision =
      ticketstore::SealColumn(cipher, kTable, o.id(), "decision_reason", o.decision_reason());
  pg::Prepared(pg::Work(tx), kSealObjection, o.id(), pqxx::binarystring(reason),
               pqxx::binarystring(decision),
               reason.empty() && decision.empty() ? std::string() : cipher.active_key_id());
}

}  // namespace

v1::Objection PgObjectionStore::Insert(Transaction& tx, int64_t ticket_id,
                                       const v1::Objection& o) const {
  v1::Objection out = o;
  out.set_state(v1::OBJECTION_STATE_PENDING);
  out.set_id(pg::Prepared1(pg::Work(tx), kInsertObjection, ticket_id, o.ticket_number(),
                           o.assignment_id(), o.unit_id(), o.round(), o.category(), o.region_code(),
                           static_cast<int>(o.urgency()), Micros(o.dispatched_at()),
                           Micros(o.raised_at()), Micros(o.window_ends_at()),
                           o.failed_dispatches())[0]
                 .as<int64_t>());
  Seal(tx, cipher_, out);
  return out;
}

constexpr char kLockObjection[] =
    "SELECT " ROUTING_OBJECTION_COLUMNS " FROM routing_objections o WHERE o.id = $1 FOR UPDATE";

absl::StatusOr<ObjectionRecord> PgObjectionStore::Lock(Transaction& tx,
                                                       int64_t objection_id) const {
  const pqxx::result rows = pg::Prepared(pg::Work(tx), kLockObjection, objection_id);
  if (rows.empty()) return absl::NotFoundError("no such objection");
  return FromRow(rows[0], cipher_);
}

constexpr char kLatestObjection[] = "SELECT " ROUTING_OBJECTION_COLUMNS
                                    " FROM routing_objections o WHERE o.assignment_id = $1 "
                                    "ORDER BY o.id DESC LIMIT 1";

std::optional<v1::Objection> PgObjectionStore::LatestOf(Transaction& tx,
                                                        int64_t assignment_id) const {
  const pqxx::result rows = pg::Prepared(pg::Work(tx), kLatestObjection, assignment_id);
  if (rows.empty()) return std::nullopt;
  return FromRow(rows[0], cipher_).objection;
}

constexpr char kDecideObjection[] = R"sql(
UPDATE routing_objections SET state = $2,
  decided_at = 'epoch'::timestamptz + $3 * interval '1 microsecond', decided_by = $4,
  failed_dispatches = $5
WHERE id = $1)sql";

void PgObjectionStore::Decide(Transaction& tx, const v1::Objection& o) const {
  pg::Prepared(pg::Work(tx), kDecideObjection, o.id(), static_cast<int>(o.state()),
               Micros(o.decided_at()), o.decided_by(), o.failed_dispatches());
  Seal(tx, cipher_, o);  // both texts again, with the key active now
}

constexpr char kUpheldCount[] =
    "SELECT count(*) FROM routing_objections WHERE ticket_id = $1 AND state = 2";

int PgObjectionStore::UpheldCount(Transaction& tx, int64_t ticket_id) const {
  return pg::Prepared1(pg::Work(tx), kUpheldCount, ticket_id)[0].as<int>();
}

// Pending objections through the partial indexes of 0053; an objection whose assignment was
// signed, reassigned or withdrawn meanwhile is no longer the office's to decide.
#define ROUTING_PENDING_FILTER                                                        \
  " FROM routing_objections o"                                                        \
  " WHERE o.state = 1 AND o.region_code LIKE $1::text || '%'"                         \
  " AND ($2::text = '' OR o.category = $2::text OR o.category LIKE $2::text || '/%')" \
  " AND ($3::int = 0 OR o.urgency = $3::int)"                                         \
  " AND ($4::bigint IS NULL"                                                          \
  " OR o.raised_at <= 'epoch'::timestamptz + $4::bigint * interval '1 microsecond')"  \
  " AND EXISTS (SELECT 1 FROM routing_assignments a"                                  \
  " WHERE a.id = o.assignment_id AND a.state = 1)"

// Not prepared: the best plan depends on the region prefix.
constexpr char kListPending[] = "SELECT " ROUTING_OBJECTION_COLUMNS ROUTING_PENDING_FILTER R"sql(
  AND ($5::int = 0 OR (o.raised_at, o.id) >
       ('epoch'::timestamptz + $6::bigint * interval '1 microsecond', $7::bigint))
ORDER BY o.raised_at, o.id LIMIT $8)sql";

namespace {

std::optional<int64_t> RaisedBefore(const ObjectionFilter& f) {
  if (!f.raised_before) return std::nullopt;
  return absl::ToUnixMicros(*f.raised_before);
}

}  // namespace

std::vector<v1::Objection> PgObjectionStore::ListPending(
    Transaction& tx, const ObjectionFilter& filter, const std::optional<ObjectionCursor>& after,
    int limit) const {
  const ObjectionCursor from = after.value_or(ObjectionCursor{});
  std::vector<v1::Objection> out;
  for (const pqxx::row& r : pg::Work(tx).exec_params(
           kListPending, filter.region_prefix, filter.category_prefix, filter.urgency,
           RaisedBefore(filter), after ? 1 : 0, from.raised_at_micros, from.id, limit)) {
    out.push_back(FromRow(r, cipher_).objection);
  }
  return out;
}

constexpr char kCountPending[] = "SELECT count(*)" ROUTING_PENDING_FILTER;

int64_t PgObjectionStore::CountPending(Transaction& tx, const ObjectionFilter& filter) const {
  return pg::Work(tx)
      .exec_params1(kCountPending, filter.region_prefix, filter.category_prefix, filter.urgency,
                    RaisedBefore(filter))[0]
      .as<int64_t>();
}

constexpr char kDesignate[] = R"sql(
INSERT INTO routing_designations (ticket_id, round, unit_id, designated_by, designated_at,
  failed_dispatches)
VALUES ($1, $2, $3, $4, 'epoch'::timestamptz + $5 * interval '1 microsecond', $6))sql";

void PgObjectionStore::Designate(Transaction& tx, int64_t ticket_id, int round,
                                 const std::string& unit_id, const std::string& designated_by,
                                 absl::Time at, int failed_dispatches) const {
  pg::Work(tx).exec_params(kDesignate, ticket_id, round, unit_id, designated_by,
                           absl::ToUnixMicros(at), failed_dispatches);
}

constexpr char kIsDesignated[] =
    "SELECT EXISTS (SELECT 1 FROM routing_designations WHERE ticket_id = $1 AND round = $2 "
    "AND unit_id = $3)";

bool PgObjectionStore::IsDesignated(Transaction& tx, int64_t ticket_id, int round,
                                    const std::string& unit_id) const {
  return pg::Prepared1(pg::Work(tx), kIsDesignated, ticket_id, round, unit_id)[0].as<bool>();
}

#undef ROUTING_PENDING_FILTER
#undef ROUTING_OBJECTION_COLUMNS

}  // namespace hotline::routing
