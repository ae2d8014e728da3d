#include "libs/pg/pg_transaction.h"
#include "services/routing/store/audit_store.h"

namespace hotline::routing {

constexpr char kRecordRead[] = R"sql(
INSERT INTO routing_audit_reads (read_at, ticket_id, assignment_id, principal, caller_withheld)
VALUES ('epoch'::timestamptz + $1 * interval '1 microsecond', $2, $3, $4, $5))sql";

void PgAuditStore::RecordRead(Transaction& tx, const AuditedRead& read) const {
  pg::Work(tx).exec_params0(kRecordRead, absl::ToUnixMicros(read.at), read.ticket_id,
                            read.assignment_id, read.principal, read.caller_withheld);
}

}  // namespace hotline::routing
