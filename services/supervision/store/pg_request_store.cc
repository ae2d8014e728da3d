#include "services/supervision/store/pg_request_store.h"

#include <pqxx/binarystring>
#include <pqxx/result>
#include <pqxx/row>

#include "libs/common/proto_time.h"
#include "libs/pg/pg_transaction.h"
#include "libs/ticketstore/sealed_columns.h"

namespace hotline::supervision {
namespace {

namespace v1 = hotline::supervision::v1;

google::protobuf::Timestamp Micros(const pqxx::field& f) {
  return ToTimestamp(absl::FromUnixMicros(f.as<int64_t>()));
}

constexpr char kSuspensions[] = "supervision_suspension_requests";
constexpr char kExtensions[] = "supervision_extension_requests";

// Reasons are sealed (0046), bound to the request's table, ticket and column.
pqxx::binarystring Sealed(const crypto::FieldCipher& cipher, const char* table, int64_t ticket_id,
                          const char* column, const std::string& text) {
  return pqxx::binarystring(ticketstore::SealColumn(cipher, table, ticket_id, column, text));
}

std::string Opened(const crypto::FieldCipher& cipher, const char* table, int64_t ticket_id,
                   const char* column, const pqxx::field& plain, const pqxx::field& sealed) {
  absl::StatusOr<std::string> text =
      ticketstore::OpenColumn(cipher, table, ticket_id, column, plain, sealed);
  if (!text.ok()) throw std::runtime_error(std::string(text.status().message()));
  return *std::move(text);
}

}  // namespace

// A request's decision, sealed with the active key; the request's own reason is sealed again
// with it, since a row has one key (what the resealer looks for).
void PgRequestStore::Decide(Transaction& tx, const RequestTable& t, int64_t id,
                            v1::ExtensionState state, const std::string& reason,
                            absl::Time at) const {
  const pqxx::row asked = pg::Work(tx).exec_params1(t.reason_sql, id);
  const int64_t ticket_id = asked[0].as<int64_t>();
  const std::string request = Opened(cipher_, t.table, ticket_id, "reason", asked[1], asked[2]);
  pg::Work(tx).exec_params0(t.decide_sql, id, static_cast<int>(state),
                            Sealed(cipher_, t.table, ticket_id, "decision_reason", reason),
                            Sealed(cipher_, t.table, ticket_id, "reason", request),
                            cipher_.active_key_id(), absl::ToUnixMicros(at));
}

constexpr char kAddSuspension[] = R"sql(
INSERT INTO supervision_suspension_requests (ticket_id, ticket_number, region_code, requested_by,
  reason, reason_sealed, sealed_key, requested_at)
VALUES ($1, $2, $3, $4, '', NULLIF($5, ''::bytea), $6,
  'epoch'::timestamptz + $7 * interval '1 microsecond') RETURNING id)sql";

int64_t PgRequestStore::AddSuspension(Transaction& tx, const SuspensionRequestDraft& d) {
  return pg::Work(tx)
      .exec_params1(kAddSuspension, d.ticket_id, d.ticket_number, d.region_code, d.requested_by,
                    Sealed(cipher_, kSuspensions, d.ticket_id, "reason", d.reason),
                    cipher_.active_key_id(), absl::ToUnixMicros(d.requested_at))[0]
      .as<int64_t>();
}

constexpr char kLockSuspension[] =
    "SELECT ticket_number, state FROM supervision_suspension_requests WHERE id = $1 FOR UPDATE";

std::optional<SuspensionRequestHead> PgRequestStore::LockSuspension(Transaction& tx, int64_t id) {
  const pqxx::result rows = pg::Work(tx).exec_params(kLockSuspension, id);
  if (rows.empty()) return std::nullopt;
  return SuspensionRequestHead{rows[0][0].c_str(),
                               static_cast<v1::ExtensionState>(rows[0][1].as<int>())};
}

// The reason is sealed together with the request's own (whose key may be older): one key a row.
constexpr char kDecideSuspension[] = R"sql(
UPDATE supervision_suspension_requests SET state = $2, decision_reason = '',
  decision_reason_sealed = NULLIF($3, ''::bytea), reason = '', reason_sealed = NULLIF($4, ''::bytea),
  sealed_key = $5, decided_at = 'epoch'::timestamptz + $6 * interval '1 microsecond'
WHERE id = $1)sql";

constexpr char kSuspensionReason[] =
    "SELECT ticket_id, reason, reason_sealed FROM supervision_suspension_requests WHERE id = $1";

void PgRequestStore::DecideSuspension(Transaction& tx, int64_t id, v1::ExtensionState state,
                                      const std::string& reason, absl::Time at) {
  Decide(tx, {kSuspensions, kSuspensionReason, kDecideSuspension}, id, state, reason, at);
}

constexpr char kAddExtension[] = R"sql(
INSERT INTO supervision_extension_requests (ticket_id, ticket_number, region_code, unit_id, reason,
  reason_sealed, sealed_key, requested_due_at, requested_at)
VALUES ($1, $2, $3, $4, '', NULLIF($5, ''::bytea), $6,
  'epoch'::timestamptz + $7 * interval '1 microsecond',
  'epoch'::timestamptz + $8 * interval '1 microsecond') RETURNING id)sql";

int64_t PgRequestStore::AddExtension(Transaction& tx, int64_t ticket_id,
                                     const std::string& region_code,
                                     const v1::ExtensionRequest& r) {
  return pg::Work(tx)
      .exec_params1(kAddExtension, ticket_id, r.ticket_number(), region_code, r.unit_id(),
                    Sealed(cipher_, kExtensions, ticket_id, "reason", r.reason()),
                    cipher_.active_key_id(),
                    absl::ToUnixMicros(FromTimestamp(r.requested_due_at())),
                    absl::ToUnixMicros(FromTimestamp(r.requested_at())))[0]
      .as<int64_t>();
}

constexpr char kLockExtension[] = R"sql(
SELECT ticket_number, state, unit_id, reason,
  (extract(epoch from requested_due_at) * 1000000)::bigint,
  (extract(epoch from requested_at) * 1000000)::bigint, ticket_id, reason_sealed
FROM supervision_extension_requests WHERE id = $1 FOR UPDATE)sql";

std::optional<v1::ExtensionRequest> PgRequestStore::LockExtension(Transaction& tx, int64_t id) {
  const pqxx::result rows = pg::Work(tx).exec_params(kLockExtension, id);
  if (rows.empty()) return std::nullopt;
  const pqxx::row row = rows[0];
  v1::ExtensionRequest e;
  e.set_id(id);
  e.set_ticket_number(row[0].c_str());
  e.set_state(static_cast<v1::ExtensionState>(row[1].as<int>()));
  e.set_unit_id(row[2].c_str());
  e.set_reason(Opened(cipher_, kExtensions, row[6].as<int64_t>(), "reason", row[3], row[7]));
  *e.mutable_requested_due_at() = Micros(row[4]);
  *e.mutable_requested_at() = Micros(row[5]);
  return e;
}

constexpr char kDecideExtension[] = R"sql(
UPDATE supervision_extension_requests SET state = $2, decision_reason = '',
  decision_reason_sealed = NULLIF($3, ''::bytea), reason = '', reason_sealed = NULLIF($4, ''::bytea),
  sealed_key = $5, decided_at = 'epoch'::timestamptz + $6 * interval '1 microsecond'
WHERE id = $1)sql";

constexpr char kExtensionReason[] =
    "SELECT ticket_id, reason, reason_sealed FROM supervision_extension_requests WHERE id = $1";

void PgRequestStore::DecideExtension(Transaction& tx, int64_t id, v1::ExtensionState state,
                                     const std::string& reason, absl::Time at) {
  Decide(tx, {kExtensions, kExtensionReason, kDecideExtension}, id, state, reason, at);
}

constexpr char kExtensionsOfTicket[] = R"sql(
SELECT id, unit_id, reason, (extract(epoch from requested_due_at) * 1000000)::bigint, state,
  decision_reason, (extract(epoch from requested_at) * 1000000)::bigint,
  (extract(epoch from decided_at) * 1000000)::bigint, reason_sealed, decision_reason_sealed
FROM supervision_extension_requests WHERE ticket_id = $1 ORDER BY id)sql";

std::vector<v1::ExtensionRequest> PgRequestStore::ExtensionsOfTicket(
    Transaction& tx, int64_t ticket_id, const std::string& ticket_number) {
  std::vector<v1::ExtensionRequest> out;
  for (const pqxx::row& row : pg::Work(tx).exec_params(kExtensionsOfTicket, ticket_id)) {
    v1::ExtensionRequest& e = out.emplace_back();
    e.set_id(row[0].as<int64_t>());
    e.set_ticket_number(ticket_number);
    e.set_unit_id(row[1].c_str());
    e.set_reason(Opened(cipher_, kExtensions, ticket_id, "reason", row[2], row[8]));
    *e.mutable_requested_due_at() = Micros(row[3]);
    e.set_state(static_cast<v1::ExtensionState>(row[4].as<int>()));
    e.set_decision_reason(
        Opened(cipher_, kExtensions, ticket_id, "decision_reason", row[5], row[9]));
    *e.mutable_requested_at() = Micros(row[6]);
    if (!row[7].is_null()) *e.mutable_decided_at() = Micros(row[7]);
  }
  return out;
}

constexpr char kCountUnreachable[] = R"sql(
INSERT INTO supervision_follow_ups (ticket_id, unreachable_attempts) VALUES ($1, 1)
ON CONFLICT (ticket_id) DO UPDATE SET
  unreachable_attempts = supervision_follow_ups.unreachable_attempts + 1, updated_at = now()
RETURNING unreachable_attempts)sql";

int PgFollowUpStore::CountUnreachable(Transaction& tx, int64_t ticket_id) {
  return pg::Work(tx).exec_params1(kCountUnreachable, ticket_id)[0].as<int>();
}

}  // namespace hotline::supervision
