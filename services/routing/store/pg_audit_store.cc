#include "libs/pg/pg_array.h"
#include "libs/pg/pg_transaction.h"
#include "services/routing/store/audit_store.h"

namespace hotline::routing {

constexpr char kRecordRead[] = R"sql(
INSERT INTO routing_audit_reads
  (read_at, ticket_id, assignment_id, principal, caller_withheld, grant_id, fields)
VALUES ('epoch'::timestamptz + $1 * interval '1 microsecond', $2, $3, $4, $5, NULLIF($6, 0),
        $7::text[]))sql";

void PgAuditStore::RecordRead(Transaction& tx, const AuditedRead& read) const {
  pg::Work(tx).exec_params0(kRecordRead, absl::ToUnixMicros(read.at), read.ticket_id,
                            read.assignment_id, read.principal, read.caller_withheld, read.grant_id,
                            pg::TextArrayLiteral(read.fields));
}

constexpr char kRecordGrant[] = R"sql(
INSERT INTO routing_audit_grants
  (at, grant_id, ticket_id, unit_id, principal, role, action, reason, expires_at)
VALUES ('epoch'::timestamptz + $1 * interval '1 microsecond', $2, $3, $4, $5, $6, $7, $8,
        'epoch'::timestamptz + $9 * interval '1 microsecond'))sql";

void PgAuditStore::RecordGrant(Transaction& tx, const AuditedGrant& grant) const {
  pg::Work(tx).exec_params0(kRecordGrant, absl::ToUnixMicros(grant.at), grant.grant_id,
                            grant.ticket_id, grant.unit_id, grant.principal,
                            static_cast<int>(grant.role),
                            grant.action == GrantAction::kGrant ? "grant" : "revoke", grant.reason,
                            absl::ToUnixMicros(grant.expires_at));
}

}  // namespace hotline::routing
